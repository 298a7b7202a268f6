package dev.gerbang.social;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Social sign-in flows and linked identities, on the event bus. */
@ProxyGen
@VertxGen
public interface SocialService {
  String ADDRESS = "gerbang.social";

  static SocialService proxy(Vertx vertx) {
    return new SocialServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Stores a started flow {id, stateHash, provider, mode (login|link), userId?, redirectPath, expiresAt}. */
  Future<Void> startFlow(JsonObject flow);

  /**
   * Uses a flow once: {outcome: ok | expired | mismatch, mode, userId, redirectPath}. mismatch covers an
   * unknown flow, another browser's flow, a wrong state, a wrong provider and a replay; expired also covers the
   * state of an unused expired flow that the browser's cookie no longer names (flowId may then be empty).
   */
  Future<JsonObject> useFlow(String flowId, String stateHash, String provider);

  /**
   * Signs in with a provider profile {provider, subject, email, emailVerified, name, avatarUrl, locale}:
   * {outcome: existing | linked | created | confirm_email | confirm_email_sent | link_required | disabled |
   * no_email, userId?}. An existing account is linked only when both the provider's and the account's emails
   * are verified and equal; an account is created only for an email the provider verified. For an unverified
   * one nothing is created: signUp {id, tokenHash, browserHash, redirectPath, expiresAt, cooldownMs, mail} is
   * stored with its mail (confirm_email), unless one was stored for this email less than cooldownMs ago
   * (confirm_email_sent).
   */
  Future<JsonObject> signIn(JsonObject profile, JsonObject signUp);

  /**
   * Completes a pending sign-up with the token of its mail, from the browser that started it:
   * {outcome: created | existing | account_exists | other_browser | invalid, userId?, provider?, redirectPath?}.
   * The account is created with its email verified, since the link proved it.
   */
  Future<JsonObject> confirmSignUp(String tokenHash, String browserHash);

  /**
   * Links a profile to a signed-in user: {outcome: linked | taken | provider_already_linked | verify_email_first}
   * (taken: another account has it; verify_email_first: the account's email is unverified, and only a
   * provider that verified that same email may be linked to it, which then verifies it).
   */
  Future<JsonObject> link(String userId, JsonObject profile);

  /** Unlinks; false when there was none; 409 when it is the account's last way to sign in. */
  Future<Boolean> unlink(String userId, String provider);

  /** The user's linked identities: [{provider, email, emailVerified, createdAt, lastUsedAt}]. */
  Future<JsonArray> identities(String userId);
}
