package dev.gerbang.content.impl;

import dev.gerbang.content.Viewer;
import dev.gerbang.db.Cursors;
import dev.gerbang.db.Database;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Sql;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article list: status by who is asking, filters, full-text search, one of six sorts, keyset pages.
 * The query is assembled only from named fragments of articles.sql, so that each filter combination gets
 * its own plan (a "? = '' OR" filter would keep SQLite from using the indexes).
 */
final class ArticleLister {
  /**
   * A sort: the suffix of its page.* and order.* fragments, and its keyset. Each sort is a list of its own, so
   * that a cursor of one sort is refused by another; its first page runs without the page.* condition.
   */
  record Sort(String fragment, Keyset keyset) {
    static Sort of(String name, String fragment, Keyset.Column key) {
      Keyset.Column id = key.descending() ? Keyset.desc("id", Cursors.Type.ID) : Keyset.asc("id", Cursors.Type.ID);
      return new Sort(fragment, Keyset.openFirstPage("articles." + name, key, id));
    }
  }

  /** Sort parameter -> its fragments and key. */
  static final Map<String, Sort> SORTS = Map.of(
      "-published", Sort.of("-published", "published.desc", Keyset.desc("listed_at", Cursors.Type.LONG)),
      "published", Sort.of("published", "published.asc", Keyset.asc("listed_at", Cursors.Type.LONG)),
      "-title", Sort.of("-title", "title.desc", Keyset.desc("title_sort", Cursors.Type.TEXT)),
      "title", Sort.of("title", "title.asc", Keyset.asc("title_sort", Cursors.Type.TEXT)),
      "-likes", Sort.of("-likes", "likes.desc", Keyset.desc("like_count", Cursors.Type.LONG)),
      "likes", Sort.of("likes", "likes.asc", Keyset.asc("like_count", Cursors.Type.LONG)));
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private final Sql sql;
  private final Database.Dialect dialect;
  private final Pager pager;

  ArticleLister(Database database) {
    this.sql = database.sql("articles");
    this.dialect = database.dialect();
    this.pager = database.pager();
  }

  Future<JsonObject> list(Viewer viewer, JsonObject query) {
    String sortName = query.getString("sort", "-published");
    Sort sort = SORTS.get(sortName);
    if (sort == null) {
      return Future.failedFuture(invalid("sort", "must be one of " + String.join(", ", new java.util.TreeSet<>(SORTS.keySet()))));
    }
    Pager.Position from;
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    try {
      from = pager.position(sort.keyset(), query.getString("cursor"));
      status(viewer, query.getString("status", "published"), where, args);
      filters(query, where, args);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Tuple filters = Tuple.tuple();
    args.forEach(filters::addValue);
    List<String> select = new ArrayList<>();
    select.add("list.select");
    select.addAll(where);
    if (!from.first()) {
      select.add("page." + sort.fragment());
    }
    select.add("order." + sort.fragment());
    List<String> count = new ArrayList<>();
    count.add("list.count");
    count.addAll(where);
    return pager.page(from, sql, select, count, filters, query.getInteger("limit", 20), ArticleRows::item)
        .map(page -> page.toJson(item -> item));
  }

  private void status(Viewer viewer, String status, List<String> where, List<Object> args) {
    if (!"published".equals(status) && viewer.anonymous()) {
      throw Failure.unauthenticated("Sign in to list drafts");
    }
    switch (status) {
      case "published" -> where.add("status.published");
      case "draft" -> {
        if (viewer.isEditor()) {
          where.add("status.draft");
        } else {
          where.add("status.draftOwn");
          args.add(viewer.userId());
        }
      }
      case "all" -> {
        if (viewer.isEditor()) {
          where.add("status.any");
        } else {
          where.add("status.publishedOrOwn");
          args.add(viewer.userId());
        }
      }
      default -> throw invalid("status", "must be one of all, draft, published");
    }
  }

  private void filters(JsonObject query, List<String> where, List<Object> args) {
    String category = query.getString("category");
    if (category != null) {
      where.add("filter.category");
      args.add(category);
    }
    for (Object tag : query.getJsonArray("tags", new JsonArray())) {
      where.add("filter.tag");
      args.add(String.valueOf(tag));
    }
    String author = query.getString("author");
    if (author != null) {
      where.add("filter.author");
      args.add(author);
    }
    Long from = query.getLong("from");
    if (from != null) {
      where.add("filter.from");
      args.add(from);
    }
    Long to = query.getLong("to");
    if (to != null) {
      where.add("filter.to");
      args.add(to);
    }
    String q = query.getString("q");
    if (q != null && !q.isBlank()) {
      where.add("filter.q");
      args.add(dialect == Database.Dialect.SQLITE ? ftsQuery(q) : tsQuery(q));
    }
  }

  /**
   * A user's words as an FTS5 query that cannot be a syntax error: every word quoted (all must match),
   * the last one as a prefix, so that "vert.x rout" finds "Vert.x routing".
   */
  static String ftsQuery(String q) {
    List<String> words = words(q);
    words.replaceAll(word -> "\"" + word + "\"");
    return String.join(" ", words) + "*";
  }

  /** The same for PostgreSQL: a tsquery of letters and digits only (no operator but &), the last word a prefix. */
  static String tsQuery(String q) {
    return String.join(" & ", words(q)) + ":*";
  }

  /** The query's words: runs of letters and digits, at most 20; a 400 when there is none. */
  private static List<String> words(String q) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(q);
    while (matcher.find() && words.size() < 20) {
      words.add(matcher.group());
    }
    if (words.isEmpty()) {
      throw invalid("q", "must contain at least one letter or digit");
    }
    return words;
  }

  private static RuntimeException invalid(String field, String message) {
    return Failure.invalid(List.of(new FieldError(field, message)));
  }
}
