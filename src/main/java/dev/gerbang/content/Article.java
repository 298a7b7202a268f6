package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An article as the API shows it: in a list, or on its page, which adds the Markdown body, its sanitized HTML and
 * the number of visible comments (null in a list, and then left out of the JSON).
 */
@DataObject
public final class Article {
  /** A category or tag as an article shows it: {slug, name}. */
  public record Label(String slug, String name) {
    public JsonObject toJson() {
      return new JsonObject().put("slug", slug).put("name", name);
    }

    static Label fromJson(JsonObject json) {
      return json == null ? null : new Label(json.getString("slug"), json.getString("name"));
    }
  }

  private final String id;
  private final String slug;
  private final String title;
  private final String summary;
  private final ArticleStatus status;
  private final Author author;
  private final Label category;
  private final List<Label> tags;
  private final long likes;
  private final String publishedAt;
  private final String createdAt;
  private final String updatedAt;
  private final String body;
  private final String html;
  private final Long commentCount;

  /** A list item: no body, HTML or comment count. Times are ISO-8601 instants; category and publishedAt may be null. */
  public Article(String id, String slug, String title, String summary, ArticleStatus status, Author author, Label category,
                 List<Label> tags, long likes, String publishedAt, String createdAt, String updatedAt) {
    this(id, slug, title, summary, status, author, category, tags, likes, publishedAt, createdAt, updatedAt, null, null, null);
  }

  private Article(String id, String slug, String title, String summary, ArticleStatus status, Author author, Label category,
                  List<Label> tags, long likes, String publishedAt, String createdAt, String updatedAt, String body,
                  String html, Long commentCount) {
    this.id = id;
    this.slug = slug;
    this.title = title;
    this.summary = summary;
    this.status = status;
    this.author = author;
    this.category = category;
    this.tags = List.copyOf(tags);
    this.likes = likes;
    this.publishedAt = publishedAt;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.body = body;
    this.html = html;
    this.commentCount = commentCount;
  }

  public Article(JsonObject json) {
    this(json.getString("id"), json.getString("slug"), json.getString("title"), json.getString("summary"),
        ArticleStatus.fromJson(json.getString("status")), Author.fromJson(json.getJsonObject("author")),
        Label.fromJson(json.getJsonObject("category")),
        json.getJsonArray("tags", new JsonArray()).stream().map(tag -> Label.fromJson((JsonObject) tag)).toList(),
        json.getLong("likes", 0L), json.getString("publishedAt"), json.getString("createdAt"), json.getString("updatedAt"),
        json.getString("body"), json.getString("html"), json.getLong("commentCount"));
  }

  /** The article as its page shows it. */
  public Article withPage(String body, String html, long commentCount) {
    return new Article(id, slug, title, summary, status, author, category, tags, likes, publishedAt, createdAt, updatedAt,
        body, html, commentCount);
  }

  public JsonObject toJson() {
    JsonArray tagList = new JsonArray();
    tags.forEach(tag -> tagList.add(tag.toJson()));
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("slug", slug)
        .put("title", title)
        .put("summary", summary)
        .put("status", status.json())
        .put("author", author.toJson())
        .put("category", category == null ? null : category.toJson())
        .put("tags", tagList)
        .put("likes", likes)
        .put("publishedAt", publishedAt)
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
    if (body != null) {
      json.put("body", body).put("html", html).put("commentCount", commentCount);
    }
    return json;
  }

  public String id() {
    return id;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public String summary() {
    return summary;
  }

  public ArticleStatus status() {
    return status;
  }

  public boolean published() {
    return status == ArticleStatus.PUBLISHED;
  }

  public Author author() {
    return author;
  }

  public Label category() {
    return category;
  }

  public List<Label> tags() {
    return tags;
  }

  public long likes() {
    return likes;
  }

  public String publishedAt() {
    return publishedAt;
  }

  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }

  /** The Markdown body; null in a list. */
  public String body() {
    return body;
  }

  /** The sanitized HTML of the body; null in a list. */
  public String html() {
    return html;
  }

  /** The number of visible comments; null in a list. */
  public Long commentCount() {
    return commentCount;
  }
}
