package dev.gerbang.content.impl;

import dev.gerbang.content.Viewer;
import dev.gerbang.db.Database;
import dev.gerbang.db.KeyCursor;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.http.Problem;
import dev.gerbang.http.ServiceErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
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
  /** Sort parameter -> the fragment suffix and the column whose value the cursor carries. */
  static final Map<String, String[]> SORTS = Map.of(
      "-published", new String[] {"published.desc", "listed_at"},
      "published", new String[] {"published.asc", "listed_at"},
      "-title", new String[] {"title.desc", "title_sort"},
      "title", new String[] {"title.asc", "title_sort"},
      "-likes", new String[] {"likes.desc", "like_count"},
      "likes", new String[] {"likes.asc", "like_count"});
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private final Pool pool;
  private final Sql sql;
  private final Database.Dialect dialect;

  ArticleLister(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("articles");
    this.dialect = database.dialect();
  }

  Future<JsonObject> list(Viewer viewer, JsonObject query) {
    String sort = query.getString("sort", "-published");
    String[] sortSpec = SORTS.get(sort);
    if (sortSpec == null) {
      return Future.failedFuture(invalid("sort", "must be one of " + String.join(", ", new java.util.TreeSet<>(SORTS.keySet()))));
    }
    KeyCursor cursor;
    StringBuilder where = new StringBuilder();
    List<Object> args = new ArrayList<>();
    try {
      cursor = KeyCursor.decode(query.getString("cursor"), sort);
      status(viewer, query.getString("status", "published"), where, args);
      filters(query, where, args);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    int limit = query.getInteger("limit", 20);
    Tuple filters = Tuple.tuple();
    args.forEach(filters::addValue);
    String select = sql.get("list.select") + "\n" + where
        + (cursor == null ? "" : "\n" + sql.get("page." + sortSpec[0])) + "\n" + sql.get("order." + sortSpec[0]);
    Tuple page = cursor == null ? Rows.extend(filters, limit + 1)
        : Rows.extend(filters, cursor.key(), cursor.key(), cursor.id(), limit + 1);
    Future<List<Row>> rows = pool.preparedQuery(select).execute(page).map(set -> {
      List<Row> list = new ArrayList<>();
      set.forEach(list::add);
      return list;
    });
    Future<Long> total = pool.preparedQuery(sql.get("list.count") + "\n" + where).execute(filters).map(Rows::count);
    return Future.all(rows, total).map(done -> {
      List<Row> list = rows.result();
      KeyCursor next = null;
      if (list.size() > limit) {
        Row last = list.get(limit - 1);
        Object key = last.getValue(sortSpec[1]);
        next = new KeyCursor(sort, key instanceof Number n ? (Object) n.longValue() : String.valueOf(key), last.getString("id"));
        list = list.subList(0, limit);
      }
      JsonArray items = new JsonArray();
      list.forEach(row -> items.add(ArticleRows.item(row)));
      return new JsonObject().put("items", items).put("nextCursor", next == null ? null : next.encode())
          .put("total", total.result());
    });
  }

  private void status(Viewer viewer, String status, StringBuilder where, List<Object> args) {
    if (!"published".equals(status) && viewer.anonymous()) {
      throw ServiceErrors.of(Problem.unauthorized("Sign in to list drafts"));
    }
    switch (status) {
      case "published" -> where.append(sql.get("status.published"));
      case "draft" -> {
        if (viewer.isEditor()) {
          where.append(sql.get("status.draft"));
        } else {
          where.append(sql.get("status.draftOwn"));
          args.add(viewer.userId());
        }
      }
      case "all" -> {
        if (viewer.isEditor()) {
          where.append(sql.get("status.any"));
        } else {
          where.append(sql.get("status.publishedOrOwn"));
          args.add(viewer.userId());
        }
      }
      default -> throw invalid("status", "must be one of all, draft, published");
    }
  }

  private void filters(JsonObject query, StringBuilder where, List<Object> args) {
    String category = query.getString("category");
    if (category != null) {
      where.append('\n').append(sql.get("filter.category"));
      args.add(category);
    }
    for (Object tag : query.getJsonArray("tags", new JsonArray())) {
      where.append('\n').append(sql.get("filter.tag"));
      args.add(String.valueOf(tag));
    }
    String author = query.getString("author");
    if (author != null) {
      where.append('\n').append(sql.get("filter.author"));
      args.add(author);
    }
    Long from = query.getLong("from");
    if (from != null) {
      where.append('\n').append(sql.get("filter.from"));
      args.add(from);
    }
    Long to = query.getLong("to");
    if (to != null) {
      where.append('\n').append(sql.get("filter.to"));
      args.add(to);
    }
    String q = query.getString("q");
    if (q != null && !q.isBlank()) {
      where.append('\n').append(sql.get("filter.q"));
      args.add(dialect == Database.Dialect.SQLITE ? ftsQuery(q) : q);
    }
  }

  /**
   * A user's words as an FTS5 query that cannot be a syntax error: every word quoted (all must match),
   * the last one as a prefix, so that "vert.x rout" finds "Vert.x routing".
   */
  static String ftsQuery(String q) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(q);
    while (matcher.find() && words.size() < 20) {
      words.add("\"" + matcher.group() + "\"");
    }
    if (words.isEmpty()) {
      throw invalid("q", "must contain at least one letter or digit");
    }
    words.set(words.size() - 1, words.get(words.size() - 1) + "*");
    return String.join(" ", words);
  }

  private static RuntimeException invalid(String field, String message) {
    return ServiceErrors.of(Problem.validation(List.of(new Problem.FieldError(field, message))));
  }
}
