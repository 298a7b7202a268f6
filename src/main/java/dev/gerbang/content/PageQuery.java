package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A request for a page of a content list: search words (null or empty for none), the page size, the cursor. */
@DataObject
public final class PageQuery {
  private final String q;
  private final int limit;
  private final String cursor;

  public PageQuery(String q, int limit, String cursor) {
    this.q = q;
    this.limit = limit;
    this.cursor = cursor;
  }

  public PageQuery(JsonObject json) {
    this(json.getString("q"), json.getInteger("limit"), json.getString("cursor"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("q", q).put("limit", limit).put("cursor", cursor);
  }

  /** The search words; empty for none. */
  public String q() {
    return q == null ? "" : q;
  }

  public int limit() {
    return limit;
  }

  public String cursor() {
    return cursor;
  }
}
