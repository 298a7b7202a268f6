package dev.gerbang.social;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** Social sign-in flows and linked identities, on the event bus. */
@ProxyGen
@VertxGen
public interface SocialService {
  String ADDRESS = "gerbang.social";

  static SocialService proxy(Vertx vertx) {
    return new SocialServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Stores a started flow. */
  Future<Void> startFlow(Flow flow);

  /**
   * Uses a flow once. MISMATCH covers an unknown flow, another browser's flow, a wrong state, a wrong provider and a
   * replay; EXPIRED also covers the state of an unused expired flow that the browser's cookie no longer names (flowId
   * may then be empty).
   */
  Future<FlowUse> useFlow(String flowId, String stateHash, String provider);

  /**
   * Signs in with a provider profile. An existing account is linked only when both the provider's and the account's
   * emails are verified and equal; an account is created only for an email the provider verified. For an unverified
   * one nothing is created: the sign-up is stored with its mail (CONFIRM_EMAIL, audited oauth_sign_up_pending), unless
   * one was stored for this email less than its cooldown ago (CONFIRM_EMAIL_SENT).
   */
  Future<SignInResult> signIn(Profile profile, PendingSignUp signUp, Actor actor);

  /**
   * Completes a pending sign-up with the token of its mail, from the browser that started it. The account is created
   * with its email verified, since the link proved it.
   */
  Future<SignUpResult> confirmSignUp(String tokenHash, String browserHash);

  /**
   * Links a profile to a signed-in user, audited identity_linked (only a provider that verified the account's
   * unproven email may link to it, and so proves it).
   */
  Future<LinkResult> link(String userId, Profile profile, Actor actor);

  /** Unlinks, audited identity_unlinked; false when there was none; 409 when it is the account's last way to sign in. */
  Future<Boolean> unlink(String userId, String provider, Actor actor);

  /** The user's linked identities. */
  Future<List<Identity>> identities(String userId);
}
