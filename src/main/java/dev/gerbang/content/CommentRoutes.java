package dev.gerbang.content;

import dev.gerbang.Components;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Comments: listed under their article, written by signed-in users, moderated by the article's author and editors;
 * editors and admins also see every comment in one list, newest first, to moderate them.
 */
final class CommentRoutes {
  static final int MAX_BODY = 5000;
  private static final Set<String> STATUSES = Set.of("visible", "hidden");

  private final Components c;
  private final CommentService comments;

  CommentRoutes(Components components, CommentService comments) {
    this.c = components;
    this.comments = comments;
  }

  void mount(Router api) {
    api.get("/comments").handler(c.auth().required(Roles.EDITOR, Roles.ADMIN)).handler(this::search);
    api.get("/articles/:slug/comments").handler(c.auth().optional()).handler(this::list);
    api.post("/articles/:slug/comments").handler(c.auth().required()).handler(this::create);
    api.patch("/comments/:id").handler(c.auth().required()).handler(this::update);
    api.delete("/comments/:id").handler(c.auth().required()).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "limit", "cursor").limit().cursor().validate();
    comments.list(Viewer.json(ctx), ctx.pathParam("slug"), query).onSuccess(page -> Responses.ok(ctx, page)).onFailure(ctx::fail);
  }

  private void search(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "status", "q", "limit", "cursor")
        .choice("status", STATUSES).text("q", 100).limit().cursor().validate();
    comments.search(query).onSuccess(page -> Responses.ok(ctx, page)).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "body", "parentId");
    String body = v.text("body", 1, MAX_BODY);
    String parentId = v.optionalLine("parentId", 36, 36);
    if (parentId != null && !Ids.looksValid(parentId)) {
      v.add("parentId", "must be the id of a comment on this article");
      parentId = null;
    }
    String slug = ctx.pathParam("slug");
    JsonObject comment = new JsonObject().put("body", body).put("parentId", parentId);
    v.validate(() -> comments.unknownReferences(Viewer.json(ctx), slug, comment))
        .compose(valid -> comments.create(Viewer.json(ctx), slug, comment)).onSuccess(created -> {
      ctx.response().putHeader("Location", "/api/comments/" + created.getString("id"));
      Responses.json(ctx, 201, created);
    }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      ctx.fail(Problem.notFound("No comment has this id"));
      return;
    }
    Validator v = Validator.body(ctx, "body", "status");
    JsonObject changes = new JsonObject();
    if (v.has("body")) {
      changes.put("body", v.text("body", 1, MAX_BODY));
    }
    if (v.has("status")) {
      String status = v.line("status", 1, 10);
      if (status != null && !status.equals("visible") && !status.equals("hidden")) {
        v.add("status", "must be visible or hidden");
      }
      changes.put("status", status);
    }
    if (v.raw().isEmpty()) {
      v.add("body", "name at least one of body, status");
    }
    v.validate();
    comments.update(Viewer.json(ctx), id, changes).onSuccess(comment -> Responses.ok(ctx, comment)).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      ctx.fail(Problem.notFound("No comment has this id"));
      return;
    }
    comments.delete(Viewer.json(ctx), id).onSuccess(done -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }
}
