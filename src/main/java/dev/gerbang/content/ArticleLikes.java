package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** An article's likes after the caller liked or unliked it: {likes, liked}. */
@DataObject
public final class ArticleLikes {
  private final long likes;
  private final boolean liked;

  public ArticleLikes(long likes, boolean liked) {
    this.likes = likes;
    this.liked = liked;
  }

  public ArticleLikes(JsonObject json) {
    this(json.getLong("likes", 0L), json.getBoolean("liked", false));
  }

  public JsonObject toJson() {
    return new JsonObject().put("likes", likes).put("liked", liked);
  }

  public long likes() {
    return likes;
  }

  public boolean liked() {
    return liked;
  }
}
