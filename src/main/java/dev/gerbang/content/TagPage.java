package dev.gerbang.content;

import dev.gerbang.db.Page;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A page of tags: {items, nextCursor (null on the last page), total}. */
@DataObject
public final class TagPage {
  private final Page<Tag> page;

  public TagPage(Page<Tag> page) {
    this.page = page;
  }

  public TagPage(JsonObject json) {
    this(Page.fromJson(json, Tag::new));
  }

  public JsonObject toJson() {
    return page.toJson(Tag::toJson);
  }

  public List<Tag> items() {
    return page.items();
  }

  public String nextCursor() {
    return page.nextCursor();
  }

  public long total() {
    return page.total();
  }
}
