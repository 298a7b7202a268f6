package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The moderation list's request: comments of one status (null for both), matching q, and the page. */
@DataObject
public final class CommentSearch {
  private final CommentStatus status;
  private final PageQuery page;

  public CommentSearch(CommentStatus status, PageQuery page) {
    this.status = status;
    this.page = page;
  }

  public CommentSearch(JsonObject json) {
    this(json.getString("status") == null ? null : CommentStatus.fromJson(json.getString("status")),
        new PageQuery(json.getJsonObject("page")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("status", status == null ? null : status.json()).put("page", page.toJson());
  }

  /** The status asked for; null for every comment. */
  public CommentStatus status() {
    return status;
  }

  public PageQuery page() {
    return page;
  }
}
