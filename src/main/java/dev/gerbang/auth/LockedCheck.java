package dev.gerbang.auth;

import dev.gerbang.Components;
import dev.gerbang.http.FailureHandler;
import dev.gerbang.http.Problem;
import dev.gerbang.security.LoginThrottle;
import dev.gerbang.user.Emails;
import dev.gerbang.user.User;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * A password or code typed to confirm an action (change the password, delete the account, add a factor) is a
 * sign-in attempt too (ASVS 2.2.1): it counts in the account's login lock, a locked account is refused before
 * anything is checked, and a check that passes forgets the failures. Otherwise a stolen access token could
 * guess the password at these endpoints past the lock that guards the sign-in form.
 */
public final class LockedCheck {
  private LockedCheck() {
  }

  /** Whether the password is the account's own, checked under its login lock; an account without one never matches. */
  public static Future<Boolean> password(RoutingContext ctx, Components c, User user, String password) {
    if (user == null) {
      // Deleted while its access token still runs.
      return Future.failedFuture(Problem.notFound("detail.not_found.user"));
    }
    return run(ctx, c.loginThrottle(), user.email(), "detail.login_locked", () -> c.users().passwordHash(user.id())
        .compose(hash -> hash == null ? c.hasher().verifyDummy(password) : c.hasher().verify(password, hash)));
  }

  /** Runs the check under the lock of the account with this email: whether what was typed is right. */
  public static Future<Boolean> run(RoutingContext ctx, LoginThrottle throttle, String email, String lockedDetail,
      Supplier<Future<Boolean>> check) {
    String account = Emails.normalize(email);
    return throttle.attempt(account).compose(attempt -> {
      if (!attempt.allowed()) {
        ctx.put(FailureHandler.RETRY_AFTER, Long.toString(attempt.retryAfterSeconds()));
        return Future.failedFuture(new Problem(429, "login-locked", "title.login_locked", lockedDetail, List.of())
            .with("seconds", attempt.retryAfterSeconds()));
      }
      return check.get().onSuccess(right -> {
        if (right) {
          throttle.clear(account);
        }
      });
    });
  }
}
