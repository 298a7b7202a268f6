package dev.gerbang.content;

import dev.gerbang.db.Page;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A page of categories: {items, nextCursor (null on the last page), total}. */
@DataObject
public final class CategoryPage {
  private final Page<Category> page;

  public CategoryPage(Page<Category> page) {
    this.page = page;
  }

  public CategoryPage(JsonObject json) {
    this(Page.fromJson(json, Category::new));
  }

  public JsonObject toJson() {
    return page.toJson(Category::toJson);
  }

  public List<Category> items() {
    return page.items();
  }

  public String nextCursor() {
    return page.nextCursor();
  }

  public long total() {
    return page.total();
  }
}
