package dev.gerbang.admin;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.audit.AuditQuery;
import dev.gerbang.audit.AuditService;
import dev.gerbang.auth.Devices;
import dev.gerbang.auth.SessionEnd;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.notify.OutboxService;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.AdminChanges;
import dev.gerbang.user.Roles;
import dev.gerbang.user.UserQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/** User management and the audit trail, for admins. */
public final class AdminRoutes {
  private static final Set<String> STATUSES = Set.of("active", "disabled", "unverified");

  private final Components c;
  private final AuditService auditLog;
  private final OutboxService outbox;

  public AdminRoutes(Components components, AuditService auditLog, OutboxService outbox) {
    this.c = components;
    this.auditLog = auditLog;
    this.outbox = outbox;
  }

  public void mount(Router api) {
    api.get("/admin/users").handler(c.auth().required(Roles.ADMIN)).handler(this::search);
    api.get("/admin/users/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::get);
    api.patch("/admin/users/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::update);
    api.delete("/admin/users/:id/sessions").handler(c.auth().required(Roles.ADMIN)).handler(this::revokeSessions);
    api.get("/admin/audit").handler(c.auth().required(Roles.ADMIN)).handler(this::audit);
    api.get("/admin/outbox").handler(c.auth().required(Roles.ADMIN)).handler(this::outbox);
    api.post("/admin/outbox/:id/retry").handler(c.auth().required(Roles.ADMIN)).handler(this::retryMail);
  }

  private void outbox(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "status", "limit", "cursor")
        .choice("status", Set.of("pending", "sending", "sent", "dead", "held")).limit().cursor().validate();
    outbox.search(query).onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private void retryMail(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      ctx.fail(Problem.notFound("detail.not_found.message"));
      return;
    }
    outbox.retry(id, Audit.actor(ctx)).onSuccess(retried -> {
      if (!retried) {
        ctx.fail(Problem.conflict("not-retryable", "detail.conflict.not_retryable", List.of()));
        return;
      }
      Responses.ok(ctx, new JsonObject().put("id", id).put("status", "pending"));
    }).onFailure(ctx::fail);
  }

  private void search(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "q", "role", "status", "limit", "cursor")
        .text("q", 100).choice("role", Roles.ALL).choice("status", STATUSES).limit().cursor().validate();
    c.users().search(new UserQuery(query)).onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private String userId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("detail.not_found.user");
    }
    return id;
  }

  private void get(RoutingContext ctx) {
    String id = userId(ctx);
    c.users().find(id)
        .compose(user -> user == null ? Future.failedFuture(Problem.notFound("detail.not_found.user"))
            : c.sessions().list(id).map(sessions -> new JsonObject().put("user", user.toJson())
                .put("sessions", new JsonArray(sessions.stream()
                    .map(session -> session.toJson().put("device", Devices.describe(session.userAgent()))).toList()))))
        .onSuccess(body -> Responses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = userId(ctx);
    Validator v = Validator.body(ctx, "roles", "disabled");
    List<String> roles = v.optionalChoices("roles", Roles.ALL);
    Boolean disabled = v.optionalBoolean("disabled");
    if (v.raw().isEmpty()) {
      v.add("body", "field.body.admin_user");
    }
    v.validate();
    c.users().adminUpdate(Audit.actor(ctx), id, new AdminChanges(roles, disabled))
        .onSuccess(user -> Responses.ok(ctx, user.toJson()))
        .onFailure(ctx::fail);
  }

  private void revokeSessions(RoutingContext ctx) {
    String id = userId(ctx);
    c.users().find(id)
        .compose(user -> user == null ? Future.failedFuture(Problem.notFound("detail.not_found.user"))
            : c.sessions().revokeAll(id, null, SessionEnd.REVOKED_BY_ADMIN, Audit.actor(ctx)))
        .onSuccess(revoked -> {
          Responses.ok(ctx, new JsonObject().put("sessionsRevoked", revoked.size()));
        })
        .onFailure(ctx::fail);
  }

  private void audit(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "event", "userId", "from", "to", "limit", "cursor")
        .text("event", 60).id("userId").instant("from").instantUntil("to").limit().cursor().validate();
    auditLog.search(new AuditQuery(query)).onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }
}
