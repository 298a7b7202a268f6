package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A tag as the API shows it, with the number of published articles that carry it. */
@DataObject
public final class Tag {
  private final String id;
  private final String slug;
  private final String name;
  private final long articleCount;
  private final String createdAt;

  public Tag(String id, String slug, String name, long articleCount, String createdAt) {
    this.id = id;
    this.slug = slug;
    this.name = name;
    this.articleCount = articleCount;
    this.createdAt = createdAt;
  }

  public Tag(JsonObject json) {
    this(json.getString("id"), json.getString("slug"), json.getString("name"), json.getLong("articleCount", 0L),
        json.getString("createdAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("slug", slug).put("name", name).put("articleCount", articleCount)
        .put("createdAt", createdAt);
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

  public long articleCount() {
    return articleCount;
  }

  public String createdAt() {
    return createdAt;
  }
}
