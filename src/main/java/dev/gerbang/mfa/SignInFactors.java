package dev.gerbang.mfa;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;

/**
 * What a sign-in needs to know of second factors, read in one query: whether the user has an authenticator app, how
 * many recovery codes are left, whether they have a passkey, and the roles the policy requires a factor of.
 */
@DataObject
public final class SignInFactors {
  private final boolean totp;
  private final int recoveryCodesLeft;
  private final boolean passkey;
  private final List<String> requiredRoles;

  public SignInFactors(boolean totp, int recoveryCodesLeft, boolean passkey, List<String> requiredRoles) {
    this.totp = totp;
    this.recoveryCodesLeft = recoveryCodesLeft;
    this.passkey = passkey;
    this.requiredRoles = List.copyOf(requiredRoles);
  }

  public SignInFactors(JsonObject json) {
    this(json.getBoolean("totp", false), json.getInteger("recoveryCodesLeft", 0), json.getBoolean("passkey", false),
        json.getJsonArray("requiredRoles", new JsonArray()).stream().map(String::valueOf).toList());
  }

  public JsonObject toJson() {
    return new JsonObject().put("totp", totp).put("recoveryCodesLeft", recoveryCodesLeft).put("passkey", passkey)
        .put("requiredRoles", new JsonArray(requiredRoles));
  }

  /** Whether the user has any second factor at all. */
  public boolean any() {
    return totp || passkey;
  }

  /** The ways the second step can be done, as {@link MfaFactors#methods()} names them. */
  public List<String> methods() {
    return MfaFactors.methods(totp, recoveryCodesLeft, passkey);
  }

  /** Whether the policy requires a member of any of these roles to use a second factor. */
  public boolean required(Collection<String> roles) {
    return new MfaPolicy(requiredRoles, null, null).requires(roles);
  }
}
