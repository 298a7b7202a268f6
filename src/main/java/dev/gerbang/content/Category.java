package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A category as the API shows it, with the number of published articles in it. */
@DataObject
public final class Category {
  private final String id;
  private final String slug;
  private final String name;
  private final String description;
  private final long articleCount;
  private final String createdAt;
  private final String updatedAt;

  public Category(String id, String slug, String name, String description, long articleCount, String createdAt,
                  String updatedAt) {
    this.id = id;
    this.slug = slug;
    this.name = name;
    this.description = description;
    this.articleCount = articleCount;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public Category(JsonObject json) {
    this(json.getString("id"), json.getString("slug"), json.getString("name"), json.getString("description"),
        json.getLong("articleCount", 0L), json.getString("createdAt"), json.getString("updatedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("slug", slug).put("name", name).put("description", description)
        .put("articleCount", articleCount).put("createdAt", createdAt).put("updatedAt", updatedAt);
  }

  public String id() {
    return id;
  }

  public String slug() {
    return slug;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public long articleCount() {
    return articleCount;
  }

  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }
}
