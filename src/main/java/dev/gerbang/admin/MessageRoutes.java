package dev.gerbang.admin;

import dev.gerbang.Components;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.notify.NotificationService;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * POST /api/admin/notifications: an admin's message to some accounts, a role, or everyone. Each recipient gets
 * it on the channels their "admin.message" preferences enable (in-app and push by default).
 */
public final class MessageRoutes {
  private static final int MAX_USER_IDS = 100;
  /** A path inside the app, never another site: the notification's link is followed without a second look. */
  private static final Pattern APP_PATH = Pattern.compile("/(?![/\\\\])[\\x21-\\x7e]*");

  private final Components c;
  private final NotificationService notifications;

  public MessageRoutes(Components components, NotificationService notifications) {
    this.c = components;
    this.notifications = notifications;
  }

  public void mount(Router api) {
    api.post("/admin/notifications").handler(c.auth().required(Roles.ADMIN)).handler(this::send);
  }

  private void send(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "title", "body", "path", "to");
    String title = v.line("title", 1, 120);
    String body = v.text("body", 1, 800);
    String path = v.pattern("path", v.optionalLine("path", 1, 500), APP_PATH, "must be a path in the app, such as /articles");
    JsonObject to = recipients(v);
    v.validate();
    JsonObject message = new JsonObject().put("title", title).put("body", body).put("path", path == null ? "/" : path).put("to", to);
    notifications.message(message).onSuccess(count -> {
      c.audit().record(ctx, "admin_message_sent", null, new JsonObject().put("title", title).put("to", to)
          .put("recipients", count).put("by", AuthUser.of(ctx).userId()));
      Responses.json(ctx, 202, new JsonObject().put("recipients", count));
    }).onFailure(ctx::fail);
  }

  /** {userIds: [...]} (at most 100), {role: "doctor"}, or {all: true}: exactly one of them. */
  private static JsonObject recipients(Validator v) {
    Object value = v.raw().getValue("to");
    if (!(value instanceof JsonObject to) || to.size() != 1) {
      v.add("to", value == null ? "is required" : "must be one of {userIds: [...]}, {role: \"...\"}, {all: true}");
      return null;
    }
    if (to.getValue("userIds") instanceof JsonArray ids) {
      if (ids.isEmpty() || ids.size() > MAX_USER_IDS || !ids.stream().allMatch(id -> id instanceof String s && Ids.looksValid(s))) {
        v.add("to.userIds", "must list 1 to " + MAX_USER_IDS + " user ids");
        return null;
      }
      return to;
    }
    if (to.getValue("role") instanceof String role) {
      if (!Roles.ALL.contains(role)) {
        v.add("to.role", "must be one of " + String.join(", ", new java.util.TreeSet<>(Roles.ALL)));
        return null;
      }
      return to;
    }
    if (Boolean.TRUE.equals(to.getValue("all"))) {
      return to;
    }
    v.add("to", "must be one of {userIds: [...]}, {role: \"...\"}, {all: true}");
    return null;
  }
}
