package dev.gerbang.content;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Categories and tags, with the number of published articles in each, on the event bus. */
@ProxyGen
@VertxGen
public interface TaxonomyService {
  String ADDRESS = "gerbang.content.taxonomy";

  static TaxonomyService proxy(Vertx vertx) {
    return new TaxonomyServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** {limit, cursor} -> {items, nextCursor, total}, by slug. */
  Future<JsonObject> listCategories(JsonObject query);

  /** The category with this slug; 404 when none. */
  Future<JsonObject> findCategory(String slug);

  /** Creates {name, slug?, description?}; 409 when the slug is taken. */
  Future<JsonObject> createCategory(JsonObject category);

  /** Changes {name?, description?}; the slug stays. */
  Future<JsonObject> updateCategory(String slug, JsonObject changes);

  /** Deletes the category; 409 while articles are in it, unless moveTo names the category they move to. */
  Future<Void> deleteCategory(String slug, String moveTo);

  /** {q, limit, cursor} -> {items, nextCursor, total}, by slug. */
  Future<JsonObject> listTags(JsonObject query);

  /** Creates {name}; 409 when a tag with the same slug exists. */
  Future<JsonObject> createTag(JsonObject tag);

  /** Renames the tag ({name}); the slug stays. */
  Future<JsonObject> updateTag(String slug, JsonObject changes);

  /** Deletes the tag and takes it off every article. */
  Future<Void> deleteTag(String slug);
}
