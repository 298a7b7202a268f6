package dev.gerbang.auth;

import io.vertx.codegen.annotations.VertxGen;
import java.util.Locale;

/** Why sessions end; reason() is what the sessions table keeps. */
@VertxGen
public enum SessionEnd {
  /** The user signed out of this session. */
  LOGOUT,
  /** The user signed out everywhere. */
  LOGOUT_ALL,
  /** The user ended one of their sessions (a lost phone). */
  REVOKED_BY_USER,
  /** An admin ended every session of the user. */
  REVOKED_BY_ADMIN,
  /** The user changed their password: every other session ends. */
  PASSWORD_CHANGED,
  /** A reset link set a new password: every session ends. */
  PASSWORD_RESET,
  /** An admin disabled the account. */
  DISABLED_BY_ADMIN,
  /** A rotated refresh token came back after the grace window: a copy exists elsewhere. */
  REFRESH_REUSE;

  public String reason() {
    return name().toLowerCase(Locale.ROOT);
  }
}
