package dev.gerbang.content;

import dev.gerbang.Components;
import dev.gerbang.audit.Actor;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Problem;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Comments: listed under their article, written by signed-in users, moderated by the article's author and editors;
 * editors and admins also see every comment in one list, newest first, to moderate them.
 */
final class CommentRoutes {
  static final int MAX_BODY = 5000;
  private static final Set<String> STATUSES = Arrays.stream(CommentStatus.values()).map(CommentStatus::json)
      .collect(Collectors.toUnmodifiableSet());

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
    PageQuery request = new PageQuery(null, query.getInteger("limit"), query.getString("cursor"));
    comments.list(Audit.actor(ctx), ctx.pathParam("slug"), request)
        .onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private void search(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "status", "q", "limit", "cursor")
        .choice("status", STATUSES).text("q", 100).limit().cursor().validate();
    String status = query.getString("status");
    comments.search(new CommentSearch(status == null ? null : CommentStatus.fromJson(status),
            new PageQuery(query.getString("q"), query.getInteger("limit"), query.getString("cursor"))))
        .onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "body", "parentId");
    String body = v.text("body", 1, MAX_BODY);
    String parentId = v.optionalLine("parentId", 36, 36);
    if (parentId != null && !Ids.looksValid(parentId)) {
      v.add("parentId", "field.comment_parent");
      parentId = null;
    }
    String slug = ctx.pathParam("slug");
    NewComment comment = new NewComment(body, parentId);
    Actor actor = Audit.actor(ctx);
    v.validate(() -> comments.unknownReferences(actor, slug, comment).map(FieldError::toJsonArray))
        .compose(valid -> comments.create(actor, slug, comment)).onSuccess(created -> {
      ctx.response().putHeader("Location", "/api/comments/" + created.id());
      Responses.json(ctx, 201, created.toJson());
    }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      ctx.fail(Problem.notFound("detail.not_found.comment"));
      return;
    }
    Validator v = Validator.body(ctx, "body", "status");
    String body = v.has("body") ? v.text("body", 1, MAX_BODY) : null;
    CommentStatus status = null;
    if (v.has("status")) {
      String value = v.line("status", 1, 10);
      if (value != null && STATUSES.contains(value)) {
        status = CommentStatus.fromJson(value);
      } else if (value != null) {
        v.add("status", "field.comment_status");
      }
    }
    if (v.raw().isEmpty()) {
      v.add("body", "field.body.comment");
    }
    v.validate();
    comments.update(Audit.actor(ctx), id, new CommentChanges(body, status))
        .onSuccess(comment -> Responses.ok(ctx, comment.toJson())).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      ctx.fail(Problem.notFound("detail.not_found.comment"));
      return;
    }
    comments.delete(Audit.actor(ctx), id).onSuccess(done -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }
}
