package dev.gerbang.content;

import dev.gerbang.db.Page;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A page of comments: {items, nextCursor (null on the last page), total}. */
@DataObject
public final class CommentPage {
  private final Page<Comment> page;

  public CommentPage(Page<Comment> page) {
    this.page = page;
  }

  public CommentPage(JsonObject json) {
    this(Page.fromJson(json, Comment::new));
  }

  public JsonObject toJson() {
    return page.toJson(Comment::toJson);
  }

  public List<Comment> items() {
    return page.items();
  }

  public String nextCursor() {
    return page.nextCursor();
  }

  public long total() {
    return page.total();
  }
}
