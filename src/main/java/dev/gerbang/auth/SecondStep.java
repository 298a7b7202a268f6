package dev.gerbang.auth;

import dev.gerbang.user.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The question every sign-in by a first factor (a password, a social provider) asks before it opens a session:
 * does this account need a second step? A feature that keeps second factors answers on {@link #ADDRESS} (a
 * node-local consumer) with null (open the session) or the body to answer instead ({mfaRequired: true, mfaToken,
 * methods, ...}); with no feature listening, sign-ins open sessions at once. Sent as
 * {userId, roles, provider, outcome}.
 */
public final class SecondStep {
  public static final String ADDRESS = "gerbang.auth.second-step";

  private SecondStep() {
  }

  static JsonObject question(User user, String provider, String outcome) {
    return new JsonObject().put("userId", user.id()).put("roles", new JsonArray(java.util.List.copyOf(user.roles())))
        .put("provider", provider).put("outcome", outcome);
  }

  /** Whether an answer asks for a second step rather than carrying a session. */
  public static boolean pending(JsonObject answer) {
    return answer.getBoolean("mfaRequired", false);
  }
}
