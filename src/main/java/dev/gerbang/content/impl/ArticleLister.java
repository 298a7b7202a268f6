package dev.gerbang.content.impl;

import static dev.gerbang.content.ArticleSort.LIKES_ASC;
import static dev.gerbang.content.ArticleSort.LIKES_DESC;
import static dev.gerbang.content.ArticleSort.PUBLISHED_ASC;
import static dev.gerbang.content.ArticleSort.PUBLISHED_DESC;
import static dev.gerbang.content.ArticleSort.TITLE_ASC;
import static dev.gerbang.content.ArticleSort.TITLE_DESC;
import static dev.gerbang.db.Cursors.Type.ID;
import static dev.gerbang.db.Cursors.Type.LONG;
import static dev.gerbang.db.Cursors.Type.TEXT;

import dev.gerbang.content.ArticlePage;
import dev.gerbang.content.ArticleQuery;
import dev.gerbang.content.ArticleSort;
import dev.gerbang.db.Database;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Sql;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import io.vertx.core.Future;
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
    static Sort of(ArticleSort sort, String fragment, Keyset.Column key) {
      Keyset.Column id = key.descending() ? Keyset.desc("id", ID) : Keyset.asc("id", ID);
      return new Sort(fragment, Keyset.openFirstPage("articles." + sort.parameter(), key, id));
    }
  }

  /** Each sort's fragments and key. */
  private static final Map<ArticleSort, Sort> SORTS = Map.of(
      PUBLISHED_DESC, Sort.of(PUBLISHED_DESC, "published.desc", Keyset.desc("listed_at", LONG)),
      PUBLISHED_ASC, Sort.of(PUBLISHED_ASC, "published.asc", Keyset.asc("listed_at", LONG)),
      TITLE_DESC, Sort.of(TITLE_DESC, "title.desc", Keyset.desc("title_sort", TEXT)),
      TITLE_ASC, Sort.of(TITLE_ASC, "title.asc", Keyset.asc("title_sort", TEXT)),
      LIKES_DESC, Sort.of(LIKES_DESC, "likes.desc", Keyset.desc("like_count", LONG)),
      LIKES_ASC, Sort.of(LIKES_ASC, "likes.asc", Keyset.asc("like_count", LONG)));
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private final Sql sql;
  private final Database.Dialect dialect;
  private final Pager pager;

  ArticleLister(Database database) {
    this.sql = database.sql("articles");
    this.dialect = database.dialect();
    this.pager = database.pager();
  }

  Future<ArticlePage> list(Viewer viewer, ArticleQuery query) {
    Sort sort = SORTS.get(query.sort());
    Pager.Position from;
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    try {
      from = pager.position(sort.keyset(), query.cursor());
      status(viewer, query.status(), where, args);
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
    return pager.page(from, sql, select, count, filters, query.limit(), ArticleRows::item).map(ArticlePage::new);
  }

  private void status(Viewer viewer, ArticleQuery.Status status, List<String> where, List<Object> args) {
    if (status != ArticleQuery.Status.PUBLISHED && viewer.anonymous()) {
      throw Failure.unauthenticated("detail.unauthorized.drafts");
    }
    switch (status) {
      case PUBLISHED -> where.add("status.published");
      case DRAFT -> {
        if (viewer.isEditor()) {
          where.add("status.draft");
        } else {
          where.add("status.draftOwn");
          args.add(viewer.userId());
        }
      }
      case ALL -> {
        if (viewer.isEditor()) {
          where.add("status.any");
        } else {
          where.add("status.publishedOrOwn");
          args.add(viewer.userId());
        }
      }
    }
  }

  private void filters(ArticleQuery query, List<String> where, List<Object> args) {
    if (query.category() != null) {
      where.add("filter.category");
      args.add(query.category());
    }
    for (String tag : query.tags()) {
      where.add("filter.tag");
      args.add(tag);
    }
    if (query.author() != null) {
      where.add("filter.author");
      args.add(query.author());
    }
    if (query.from() != null) {
      where.add("filter.from");
      args.add(query.from());
    }
    if (query.to() != null) {
      where.add("filter.to");
      args.add(query.to());
    }
    String q = query.q();
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
      throw invalid("q", "field.search_query");
    }
    return words;
  }

  private static RuntimeException invalid(String field, String message) {
    return Failure.invalid(List.of(new FieldError(field, message)));
  }
}
