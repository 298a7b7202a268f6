package dev.gerbang.content;

import dev.gerbang.db.Page;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A page of articles: {items, nextCursor (null on the last page), total}. */
@DataObject
public final class ArticlePage {
  private final Page<Article> page;

  public ArticlePage(Page<Article> page) {
    this.page = page;
  }

  public ArticlePage(JsonObject json) {
    this(Page.fromJson(json, Article::new));
  }

  public JsonObject toJson() {
    return page.toJson(Article::toJson);
  }

  public List<Article> items() {
    return page.items();
  }

  public String nextCursor() {
    return page.nextCursor();
  }

  public long total() {
    return page.total();
  }
}
