package dev.gerbang.security;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Headers every response carries: a strict CSP without 'unsafe-inline', no sniffing, no framing, no referrer. */
public final class SecurityHeaders implements Handler<RoutingContext> {
  static final String CSP = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: https:",
      "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  private final String hsts;

  /** With hstsSeconds > 0 (TLS on), also Strict-Transport-Security. */
  public SecurityHeaders(int hstsSeconds) {
    this.hsts = hstsSeconds > 0 ? "max-age=" + hstsSeconds + "; includeSubDomains" : null;
  }

  public SecurityHeaders() {
    this(0);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (hsts != null) {
      ctx.response().headers().set("Strict-Transport-Security", hsts);
    }
    ctx.response().headers()
        .set("Content-Security-Policy", CSP)
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
        .set("Cross-Origin-Opener-Policy", "same-origin");
    ctx.next();
  }
}
