package dev.gerbang.content.impl;

import dev.gerbang.db.Rows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The JSON of an article: the list item, and the full page (with body, html and comment count). */
final class ArticleRows {
  private static final String UNIT = "\u001f";
  private static final String RECORD = "\u001e";

  private ArticleRows() {
  }

  static JsonObject item(Row row) {
    String categorySlug = row.getString("category_slug");
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("slug", row.getString("slug"))
        .put("title", row.getString("title"))
        .put("summary", row.getString("summary"))
        .put("status", row.getString("status"))
        .put("author", new JsonObject().put("id", row.getString("author_id")).put("name", row.getString("author_name")))
        .put("category", categorySlug == null ? null
            : new JsonObject().put("slug", categorySlug).put("name", row.getString("category_name")))
        .put("tags", tags(row.getString("tag_list")))
        .put("likes", number(row, "like_count"))
        .put("publishedAt", Rows.iso(row, "published_at"))
        .put("createdAt", Rows.iso(row, "created_at"))
        .put("updatedAt", Rows.iso(row, "updated_at"));
  }

  static JsonObject full(Row row) {
    return item(row)
        .put("body", row.getString("body"))
        .put("html", Markdown.sanitizeStored(row.getString("html")))
        .put("commentCount", number(row, "comment_count"));
  }

  static long number(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof Number n ? n.longValue() : 0L;
  }

  /** "slug<US>name<RS>slug<US>name" -> [{slug, name}] sorted by slug. */
  private static JsonArray tags(String list) {
    JsonArray tags = new JsonArray();
    if (list == null || list.isEmpty()) {
      return tags;
    }
    List<JsonObject> items = new ArrayList<>();
    for (String pair : list.split(RECORD)) {
      String[] parts = pair.split(UNIT, 2);
      items.add(new JsonObject().put("slug", parts[0]).put("name", parts.length > 1 ? parts[1] : parts[0]));
    }
    items.sort(Comparator.comparing(tag -> tag.getString("slug")));
    items.forEach(tags::add);
    return tags;
  }
}
