package dev.gerbang.mfa;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A user's TOTP secret as stored (ciphertext), whether its enrolment was confirmed, and the last time step used. */
@DataObject
public final class TotpState {
  private final String secret;
  private final boolean confirmed;
  private final long lastStep;

  public TotpState(String secret, boolean confirmed, long lastStep) {
    this.secret = secret;
    this.confirmed = confirmed;
    this.lastStep = lastStep;
  }

  public TotpState(JsonObject json) {
    this(json.getString("secret"), json.getBoolean("confirmed", false), json.getLong("lastStep", 0L));
  }

  public JsonObject toJson() {
    return new JsonObject().put("secret", secret).put("confirmed", confirmed).put("lastStep", lastStep);
  }

  public String secret() {
    return secret;
  }

  public boolean confirmed() {
    return confirmed;
  }

  public long lastStep() {
    return lastStep;
  }
}
