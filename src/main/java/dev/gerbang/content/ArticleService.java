package dev.gerbang.content;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Articles and their likes, on the event bus; implemented by the database worker. `viewer` is
 * {@link Viewer#json}: visibility (drafts) and ownership are decided here, next to the queries.
 * Writes announce the public content they changed ({@link ContentChanged}) once they committed.
 */
@ProxyGen
@VertxGen
public interface ArticleService {
  String ADDRESS = "gerbang.content.articles";

  static ArticleService proxy(Vertx vertx) {
    return new ArticleServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** {status, q, category, tags[], author, from, to, sort, limit, cursor} -> {items, nextCursor, total}. */
  Future<JsonObject> list(JsonObject viewer, JsonObject query);

  /** The article with this slug as its page shows it; 404 when missing, deleted, or a draft the viewer may not see. */
  Future<JsonObject> find(JsonObject viewer, String slug);

  /** Creates {title, summary?, body, category?, tags?, status?}; the slug is made from the title. */
  Future<JsonObject> create(JsonObject viewer, JsonObject article);

  /** The references of an article to write (its category slug, when given) that name nothing: [{field, message}]. */
  Future<JsonArray> unknownReferences(JsonObject article);

  /** Applies the fields present in changes (title, summary, body, category, tags); the slug stays. */
  Future<JsonObject> update(JsonObject viewer, String slug, JsonObject changes);

  /** Soft-deletes the article: it and its comments disappear from every view. */
  Future<Void> delete(JsonObject viewer, String slug);

  /** Publishes ("published") or unpublishes ("draft"); editors and admins only. */
  Future<JsonObject> setStatus(JsonObject viewer, String slug, String status);

  /** Likes or unlikes as the viewer; answers {likes, liked}. */
  Future<JsonObject> like(JsonObject viewer, String slug, boolean liked);
}
