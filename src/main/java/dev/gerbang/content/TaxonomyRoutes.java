package dev.gerbang.content;

import dev.gerbang.Components;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** /api/categories and /api/tags: public lists with article counts; editors and admins change them. */
final class TaxonomyRoutes {
  private final Components c;
  private final TaxonomyService taxonomy;

  TaxonomyRoutes(Components components, TaxonomyService taxonomy) {
    this.c = components;
    this.taxonomy = taxonomy;
  }

  void mount(Router api) {
    var editors = c.auth().required(Roles.EDITOR, Roles.ADMIN);
    api.get("/categories").handler(this::listCategories);
    api.post("/categories").handler(editors).handler(this::createCategory);
    api.get("/categories/:slug").handler(ctx -> taxonomy.findCategory(ctx.pathParam("slug"))
        .onSuccess(category -> Responses.ok(ctx, category.toJson())).onFailure(ctx::fail));
    api.patch("/categories/:slug").handler(editors).handler(this::updateCategory);
    api.delete("/categories/:slug").handler(editors).handler(this::deleteCategory);
    api.get("/tags").handler(this::listTags);
    api.post("/tags").handler(editors).handler(this::createTag);
    api.patch("/tags/:slug").handler(editors).handler(this::updateTag);
    api.delete("/tags/:slug").handler(editors).handler(this::deleteTag);
  }

  private void listCategories(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "limit", "cursor").limit().cursor().validate();
    taxonomy.listCategories(new PageQuery(null, query.getInteger("limit"), query.getString("cursor")))
        .onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private void createCategory(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "name", "slug", "description");
    String name = v.line("name", 1, 80);
    String slug = v.has("slug") ? v.pattern("slug", v.line("slug", 1, 80), ArticleInput.SLUG, ArticleInput.SLUG_RULE) : null;
    String description = blankToNull(v.optionalText("description", 0, 500));
    v.validate();
    taxonomy.createCategory(CategoryFields.create(name, slug, description)).onSuccess(created -> {
      ctx.response().putHeader("Location", "/api/categories/" + created.slug());
      Responses.json(ctx, 201, created.toJson());
    }).onFailure(ctx::fail);
  }

  private void updateCategory(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "name", "description");
    String name = v.has("name") ? v.line("name", 1, 80) : null;
    boolean describes = v.has("description");
    String description = describes ? blankToNull(v.optionalText("description", 0, 500)) : null;
    if (v.raw().isEmpty()) {
      v.add("body", "field.body.taxonomy");
    }
    v.validate();
    taxonomy.updateCategory(ctx.pathParam("slug"), CategoryFields.change(name, describes, description))
        .onSuccess(category -> Responses.ok(ctx, category.toJson())).onFailure(ctx::fail);
  }

  private void deleteCategory(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "moveTo").text("moveTo", 80).validate();
    taxonomy.deleteCategory(ctx.pathParam("slug"), query.getString("moveTo")).onSuccess(done -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void listTags(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "q", "limit", "cursor").text("q", 50).limit().cursor().validate();
    taxonomy.listTags(new PageQuery(query.getString("q"), query.getInteger("limit"), query.getString("cursor")))
        .onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private String tagName(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "name");
    String name = v.line("name", 1, 50);
    v.validate();
    return name;
  }

  private void createTag(RoutingContext ctx) {
    taxonomy.createTag(tagName(ctx)).onSuccess(tag -> Responses.json(ctx, 201, tag.toJson())).onFailure(ctx::fail);
  }

  private void updateTag(RoutingContext ctx) {
    taxonomy.updateTag(ctx.pathParam("slug"), tagName(ctx)).onSuccess(tag -> Responses.ok(ctx, tag.toJson()))
        .onFailure(ctx::fail);
  }

  private void deleteTag(RoutingContext ctx) {
    taxonomy.deleteTag(ctx.pathParam("slug")).onSuccess(done -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
