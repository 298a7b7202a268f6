package dev.gerbang.content;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Categories and tags, with the number of published articles in each, on the event bus. Renaming or removing
 * one announces that all public content changed ({@link ContentChanged}) once it committed.
 */
@ProxyGen
@VertxGen
public interface TaxonomyService {
  String ADDRESS = "gerbang.content.taxonomy";

  static TaxonomyService proxy(Vertx vertx) {
    return new TaxonomyServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** A page of the categories, by slug. */
  Future<CategoryPage> listCategories(PageQuery query);

  /** The category with this slug; 404 when none. */
  Future<Category> findCategory(String slug);

  /** Creates the category (its slug made from the name when not given); 409 when the slug is taken. */
  Future<Category> createCategory(CategoryFields category);

  /** Changes the name and/or the description; the slug stays. */
  Future<Category> updateCategory(String slug, CategoryFields changes);

  /** Deletes the category; 409 while articles are in it, unless moveTo names the category they move to. */
  Future<Void> deleteCategory(String slug, String moveTo);

  /** A page of the tags whose slug or name matches q (all when empty), by slug. */
  Future<TagPage> listTags(PageQuery query);

  /** Creates a tag with this name; 409 when a tag with the same slug exists. */
  Future<Tag> createTag(String name);

  /** Renames the tag; the slug stays. */
  Future<Tag> updateTag(String slug, String name);

  /** Deletes the tag and takes it off every article. */
  Future<Void> deleteTag(String slug);
}
