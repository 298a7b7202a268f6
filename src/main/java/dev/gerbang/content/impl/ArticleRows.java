package dev.gerbang.content.impl;

import dev.gerbang.content.Article;
import dev.gerbang.content.ArticleStatus;
import dev.gerbang.content.Author;
import dev.gerbang.db.Rows;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An article read from its row: the list item, and the full page (with body, html and comment count). */
final class ArticleRows {
  private static final String UNIT = "\u001f";
  private static final String RECORD = "\u001e";

  private ArticleRows() {
  }

  static Article item(Row row) {
    String categorySlug = row.getString("category_slug");
    return new Article(row.getString("id"), row.getString("slug"), row.getString("title"), row.getString("summary"),
        ArticleStatus.fromJson(row.getString("status")), new Author(row.getString("author_id"), row.getString("author_name")),
        categorySlug == null ? null : new Article.Label(categorySlug, row.getString("category_name")),
        tags(row.getString("tag_list")), number(row, "like_count"), Rows.iso(row, "published_at"),
        Rows.iso(row, "created_at"), Rows.iso(row, "updated_at"));
  }

  static Article full(Row row) {
    return item(row).withPage(row.getString("body"), Markdown.sanitizeStored(row.getString("html")),
        number(row, "comment_count"));
  }

  static long number(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof Number n ? n.longValue() : 0L;
  }

  /** "slug<US>name<RS>slug<US>name" -> [{slug, name}] sorted by slug. */
  private static List<Article.Label> tags(String list) {
    List<Article.Label> tags = new ArrayList<>();
    if (list == null || list.isEmpty()) {
      return tags;
    }
    for (String pair : list.split(RECORD)) {
      String[] parts = pair.split(UNIT, 2);
      tags.add(new Article.Label(parts[0], parts.length > 1 ? parts[1] : parts[0]));
    }
    tags.sort(Comparator.comparing(Article.Label::slug));
    return tags;
  }
}
