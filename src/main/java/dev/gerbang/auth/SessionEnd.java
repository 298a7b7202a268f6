package dev.gerbang.auth;

import io.vertx.codegen.annotations.VertxGen;
import java.util.Locale;

/**
 * Why sessions end; reason() is what the sessions table keeps, and auditEvent() the audit row that ending them
 * writes in its transaction (null when the change that ends them writes its own: a password change, an admin's
 * update).
 */
@VertxGen
public enum SessionEnd {
  /** The user signed out of this session. */
  LOGOUT("logout"),
  /** The user signed out everywhere. */
  LOGOUT_ALL("logout_all"),
  /** The user ended one of their sessions (a lost phone). */
  REVOKED_BY_USER("session_revoked"),
  /** An admin ended every session of the user. */
  REVOKED_BY_ADMIN("admin_sessions_revoked"),
  /** The user changed their password: every other session ends. */
  PASSWORD_CHANGED(null),
  /** A reset link set a new password: every session ends. */
  PASSWORD_RESET(null),
  /** An admin disabled the account. */
  DISABLED_BY_ADMIN(null),
  /** A rotated refresh token came back after the grace window: a copy exists elsewhere. */
  REFRESH_REUSE("refresh_reuse");

  private final String auditEvent;

  SessionEnd(String auditEvent) {
    this.auditEvent = auditEvent;
  }

  public String reason() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String auditEvent() {
    return auditEvent;
  }
}
