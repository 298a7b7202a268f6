package dev.gerbang.admin;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.notify.AdminMessage;
import dev.gerbang.notify.Broadcast;
import dev.gerbang.notify.BroadcastService;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * POST /api/admin/notifications: an admin's message to some accounts, a role, or everyone. It is queued as a
 * broadcast job and answered 202 at once, with the job and its status URL (GET /api/admin/notifications/{id}):
 * the notify verticle reaches the recipients a batch at a time, each on the channels their "admin.message"
 * preferences enable (in-app and push by default). A retry with the same Idempotency-Key answers the same job.
 */
public final class MessageRoutes {
  private static final int MAX_USER_IDS = 100;
  /** A path inside the app, never another site: the notification's link is followed without a second look. */
  private static final Pattern APP_PATH = Pattern.compile("/(?![/\\\\])[\\x21-\\x7e]*");
  /** Visible ASCII, as the Idempotency-Key drafts and Stripe's keys (UUIDs, random strings) are. */
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private static final String KEY_HEADER = "Idempotency-Key";

  private final Components c;
  private final BroadcastService broadcasts;

  public MessageRoutes(Components components, BroadcastService broadcasts) {
    this.c = components;
    this.broadcasts = broadcasts;
  }

  public void mount(Router api) {
    api.post("/admin/notifications").handler(c.auth().required(Roles.ADMIN)).handler(this::send);
    api.get("/admin/notifications/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::status);
  }

  private void send(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "title", "body", "path", "to");
    String title = v.line("title", 1, 120);
    String body = v.text("body", 1, 800);
    String path = v.pattern("path", v.optionalLine("path", 1, 500), APP_PATH, "field.app_path");
    JsonObject to = recipients(v);
    String key = ctx.request().getHeader(KEY_HEADER);
    if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
      v.add(KEY_HEADER, "field.idempotency_key");
    }
    v.validate();
    AdminMessage message = new AdminMessage(new JsonObject().put("title", title).put("body", body)
        .put("path", path == null ? "/" : path).put("to", to));
    broadcasts.queue(Audit.actor(ctx), message, key).onSuccess(job -> {
      ctx.response().putHeader("Location", statusUrl(job));
      Responses.json(ctx, 202, view(job));
    }).onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      ctx.fail(Problem.notFound("detail.not_found.broadcast"));
      return;
    }
    broadcasts.find(id).onSuccess(job -> {
      if (job == null) {
        ctx.fail(Problem.notFound("detail.not_found.broadcast"));
        return;
      }
      Responses.ok(ctx, view(job));
    }).onFailure(ctx::fail);
  }

  private static String statusUrl(Broadcast job) {
    return "/api/admin/notifications/" + job.id();
  }

  private static JsonObject view(Broadcast job) {
    return job.toJson().put("statusUrl", statusUrl(job));
  }

  /** {userIds: [...]} (at most 100), {role: "doctor"}, or {all: true}: exactly one of them. */
  private static JsonObject recipients(Validator v) {
    Object value = v.raw().getValue("to");
    if (!(value instanceof JsonObject to) || to.size() != 1) {
      v.add("to", value == null ? "field.required" : "field.broadcast_to");
      return null;
    }
    if (to.getValue("userIds") instanceof JsonArray ids) {
      if (ids.isEmpty() || ids.size() > MAX_USER_IDS || !ids.stream().allMatch(id -> id instanceof String s && Ids.looksValid(s))) {
        v.add("to.userIds", "field.user_ids", new JsonObject().put("max", MAX_USER_IDS));
        return null;
      }
      return to;
    }
    if (to.getValue("role") instanceof String role) {
      if (!Roles.ALL.contains(role)) {
        v.add("to.role", "field.one_of", new JsonObject().put("allowed", String.join(", ", new TreeSet<>(Roles.ALL))));
        return null;
      }
      return to;
    }
    if (Boolean.TRUE.equals(to.getValue("all"))) {
      return to;
    }
    v.add("to", "field.broadcast_to");
    return null;
  }
}
