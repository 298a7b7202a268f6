package dev.gerbang.mfa;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The second factors of one user: a confirmed TOTP secret, how many recovery codes are left, and the passkeys. */
@DataObject
public final class MfaFactors {
  private final boolean totp;
  private final int recoveryCodesLeft;
  private final List<Passkey> passkeys;

  public MfaFactors(boolean totp, int recoveryCodesLeft, List<Passkey> passkeys) {
    this.totp = totp;
    this.recoveryCodesLeft = recoveryCodesLeft;
    this.passkeys = List.copyOf(passkeys);
  }

  public MfaFactors(JsonObject json) {
    this(json.getBoolean("totp", false), json.getInteger("recoveryCodesLeft", 0), passkeys(json.getJsonArray("passkeys")));
  }

  private static List<Passkey> passkeys(JsonArray array) {
    List<Passkey> list = new ArrayList<>();
    if (array != null) {
      array.forEach(item -> list.add(new Passkey((JsonObject) item)));
    }
    return list;
  }

  public JsonObject toJson() {
    JsonArray keys = new JsonArray();
    passkeys.forEach(p -> keys.add(p.toJson()));
    return new JsonObject().put("totp", totp).put("recoveryCodesLeft", recoveryCodesLeft).put("passkeys", keys);
  }

  public boolean totp() {
    return totp;
  }

  public int recoveryCodesLeft() {
    return recoveryCodesLeft;
  }

  public List<Passkey> passkeys() {
    return passkeys;
  }

  /** Whether the user has any second factor at all. */
  public boolean any() {
    return totp || !passkeys.isEmpty();
  }

  /** The ways the second step can be done: totp, recovery, passkey. */
  public List<String> methods() {
    return methods(totp, recoveryCodesLeft, !passkeys.isEmpty());
  }

  /** The methods of a user with these factors: recovery codes count only beside another factor. */
  static List<String> methods(boolean totp, int recoveryCodesLeft, boolean passkey) {
    List<String> methods = new ArrayList<>();
    if (totp) {
      methods.add("totp");
    }
    if ((totp || passkey) && recoveryCodesLeft > 0) {
      methods.add("recovery");
    }
    if (passkey) {
      methods.add("passkey");
    }
    return methods;
  }

  /** The JSON the API answers: no key material. */
  public JsonObject view() {
    JsonArray keys = new JsonArray();
    passkeys.forEach(p -> keys.add(p.view()));
    return new JsonObject().put("totp", totp).put("recoveryCodesLeft", recoveryCodesLeft).put("passkeys", keys)
        .put("methods", new JsonArray(methods()));
  }
}
