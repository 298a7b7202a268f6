package dev.gerbang.content;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Content GET responses with an ETag: 304 when If-None-Match names it. Public ones (the same for everyone)
 * may be stored by any cache but must be revalidated on every use, so a write is seen at once; personal
 * ones (drafts in them) only by the caller's own browser.
 */
final class ContentResponses {
  private ContentResponses() {
  }

  static void send(RoutingContext ctx, ContentCache.Entry entry, boolean shared) {
    var response = ctx.response()
        .putHeader(HttpHeaders.ETAG, entry.etag())
        .putHeader(HttpHeaders.CACHE_CONTROL, shared ? "public, no-cache" : "private, no-cache")
        .putHeader(HttpHeaders.VARY, "Authorization");
    if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), entry.etag())) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(entry.body());
  }

  /** RFC 9110 weak comparison: "*", or any listed tag equal to ours with or without W/. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
