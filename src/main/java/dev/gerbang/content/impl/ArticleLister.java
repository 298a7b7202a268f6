package dev.gerbang.content.impl;

import dev.gerbang.content.Viewer;
import dev.gerbang.db.Cursors;
import dev.gerbang.db.Database;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
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
  /** A sort: the suffix of its page.* and order.* fragments, and the column (and its type) the cursor carries. */
  record Sort(String fragment, String column, Cursors.Type type) {
  }

  /** Sort parameter -> its fragments and key. */
  static final Map<String, Sort> SORTS = Map.of(
      "-published", new Sort("published.desc", "listed_at", Cursors.Type.LONG),
      "published", new Sort("published.asc", "listed_at", Cursors.Type.LONG),
      "-title", new Sort("title.desc", "title_sort", Cursors.Type.TEXT),
      "title", new Sort("title.asc", "title_sort", Cursors.Type.TEXT),
      "-likes", new Sort("likes.desc", "like_count", Cursors.Type.LONG),
      "likes", new Sort("likes.asc", "like_count", Cursors.Type.LONG));
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private final Pool pool;
  private final Sql sql;
  private final Database.Dialect dialect;
  private final Cursors cursors;

  ArticleLister(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("articles");
    this.dialect = database.dialect();
    this.cursors = database.cursors();
  }

  Future<JsonObject> list(Viewer viewer, JsonObject query) {
    String sortName = query.getString("sort", "-published");
    Sort sort = SORTS.get(sortName);
    if (sort == null) {
      return Future.failedFuture(invalid("sort", "must be one of " + String.join(", ", new java.util.TreeSet<>(SORTS.keySet()))));
    }
    // Each sort is a list of its own: a cursor of one sort is refused by another.
    String listName = "articles." + sortName;
    JsonArray cursor;
    StringBuilder where = new StringBuilder();
    List<Object> args = new ArrayList<>();
    try {
      cursor = cursors.decode(listName, query.getString("cursor"), sort.type(), Cursors.Type.ID);
      status(viewer, query.getString("status", "published"), where, args);
      filters(query, where, args);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    int limit = query.getInteger("limit", 20);
    Tuple filters = Tuple.tuple();
    args.forEach(filters::addValue);
    String select = sql.get("list.select") + "\n" + where
        + (cursor == null ? "" : "\n" + sql.get("page." + sort.fragment())) + "\n" + sql.get("order." + sort.fragment());
    Tuple page = cursor == null ? Rows.extend(filters, limit + 1)
        : Rows.extend(filters, cursor.getValue(0), cursor.getValue(0), cursor.getString(1), limit + 1);
    Future<List<Row>> rows = pool.preparedQuery(select).execute(page).map(set -> {
      List<Row> list = new ArrayList<>();
      set.forEach(list::add);
      return list;
    });
    Future<Long> total = pool.preparedQuery(sql.get("list.count") + "\n" + where).execute(filters).map(Rows::count);
    return Future.all(rows, total).map(done -> {
      List<Row> found = rows.result();
      String next = null;
      if (found.size() > limit) {
        Row last = found.get(limit - 1);
        Object key = last.getValue(sort.column());
        key = key instanceof Number n ? (Object) n.longValue() : String.valueOf(key);
        next = cursors.encode(listName, key, last.getString("id"));
        found = found.subList(0, limit);
      }
      JsonArray items = new JsonArray();
      found.forEach(row -> items.add(ArticleRows.item(row)));
      return new JsonObject().put("items", items).put("nextCursor", next).put("total", total.result());
    });
  }

  private void status(Viewer viewer, String status, StringBuilder where, List<Object> args) {
    if (!"published".equals(status) && viewer.anonymous()) {
      throw Failure.unauthenticated("Sign in to list drafts");
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
