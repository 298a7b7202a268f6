package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A comment as the API shows it. Written ones (and the moderation list's) also name their article's slug, and the
 * moderation list its title; in a thread both are null and left out of the JSON.
 */
@DataObject
public final class Comment {
  private final String id;
  private final String parentId;
  private final Author author;
  private final String body;
  private final CommentStatus status;
  private final String createdAt;
  private final String updatedAt;
  private final String articleSlug;
  private final String articleTitle;

  /** A comment in its article's thread; parentId is null for a comment that answers none. */
  public Comment(String id, String parentId, Author author, String body, CommentStatus status, String createdAt,
                 String updatedAt) {
    this(id, parentId, author, body, status, createdAt, updatedAt, null, null);
  }

  private Comment(String id, String parentId, Author author, String body, CommentStatus status, String createdAt,
                  String updatedAt, String articleSlug, String articleTitle) {
    this.id = id;
    this.parentId = parentId;
    this.author = author;
    this.body = body;
    this.status = status;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.articleSlug = articleSlug;
    this.articleTitle = articleTitle;
  }

  public Comment(JsonObject json) {
    this(json.getString("id"), json.getString("parentId"), Author.fromJson(json.getJsonObject("author")),
        json.getString("body"), CommentStatus.fromJson(json.getString("status")), json.getString("createdAt"),
        json.getString("updatedAt"), json.getString("articleSlug"), json.getString("articleTitle"));
  }

  /** The comment naming its article (articleTitle may be null). */
  public Comment withArticle(String articleSlug, String articleTitle) {
    return new Comment(id, parentId, author, body, status, createdAt, updatedAt, articleSlug, articleTitle);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("parentId", parentId)
        .put("author", author.toJson())
        .put("body", body)
        .put("status", status.json())
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
    if (articleSlug != null) {
      json.put("articleSlug", articleSlug);
    }
    if (articleTitle != null) {
      json.put("articleTitle", articleTitle);
    }
    return json;
  }

  public String id() {
    return id;
  }

  public String parentId() {
    return parentId;
  }

  public Author author() {
    return author;
  }

  public String body() {
    return body;
  }

  public CommentStatus status() {
    return status;
  }

  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }

  public String articleSlug() {
    return articleSlug;
  }

  public String articleTitle() {
    return articleTitle;
  }
}
