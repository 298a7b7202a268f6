package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * A request for a page of the article list: which articles by status, the filters (each off when null or empty;
 * from and to in epoch ms, the range [from, to) of the listing time), full-text words, the order, the page.
 */
@DataObject
public final class ArticleQuery {
  /** Which articles by status: the published ones (the same list for everyone), drafts, or both. */
  public enum Status {
    PUBLISHED, DRAFT, ALL;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromJson(String json) {
      return valueOf(json.toUpperCase(Locale.ROOT));
    }
  }

  private final Status status;
  private final String q;
  private final String category;
  private final List<String> tags;
  private final String author;
  private final Long from;
  private final Long to;
  private final ArticleSort sort;
  private final int limit;
  private final String cursor;

  public ArticleQuery(Status status, String q, String category, List<String> tags, String author, Long from, Long to,
                      ArticleSort sort, int limit, String cursor) {
    this.status = status;
    this.q = q;
    this.category = category;
    this.tags = List.copyOf(tags);
    this.author = author;
    this.from = from;
    this.to = to;
    this.sort = sort;
    this.limit = limit;
    this.cursor = cursor;
  }

  public ArticleQuery(JsonObject json) {
    this(Status.fromJson(json.getString("status")), json.getString("q"), json.getString("category"),
        json.getJsonArray("tags", new JsonArray()).stream().map(String::valueOf).toList(), json.getString("author"),
        json.getLong("from"), json.getLong("to"), ArticleSort.of(json.getString("sort")), json.getInteger("limit"),
        json.getString("cursor"));
  }

  /** Every field, always in the same form: the shared cache keys public pages by it. */
  public JsonObject toJson() {
    return new JsonObject().put("status", status.json()).put("q", q).put("category", category).put("tags", new JsonArray(tags))
        .put("author", author).put("from", from).put("to", to).put("sort", sort.parameter()).put("limit", limit)
        .put("cursor", cursor);
  }

  public Status status() {
    return status;
  }

  /** Whether the answer is the same for everyone: published articles only. */
  public boolean shared() {
    return status == Status.PUBLISHED;
  }

  public String q() {
    return q;
  }

  public String category() {
    return category;
  }

  public List<String> tags() {
    return tags;
  }

  public String author() {
    return author;
  }

  public Long from() {
    return from;
  }

  public Long to() {
    return to;
  }

  public ArticleSort sort() {
    return sort;
  }

  public int limit() {
    return limit;
  }

  public String cursor() {
    return cursor;
  }
}
