package dev.gerbang.notify;

import dev.gerbang.Components;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The in-app inbox (list, unread count, read, read all, delete, the live stream) and the notification
 * preferences. Each caller sees and changes only their own rows: another user's id answers 404, as if it
 * did not exist. Changes are published to the caller's open tabs.
 */
public final class NotificationRoutes {
  private static final String NOT_FOUND = "detail.not_found.notification";

  private final Vertx vertx;
  private final Components c;
  private final NotificationService notifications;
  private final NotificationStream stream;

  NotificationRoutes(Vertx vertx, Components components, NotifySettings settings) {
    this.vertx = vertx;
    this.c = components;
    this.notifications = NotificationService.proxy(vertx);
    this.stream = new NotificationStream(vertx, components, notifications, settings.heartbeatSeconds());
  }

  void mount(Router api) {
    api.get("/notifications").handler(c.auth().required()).handler(this::list);
    api.get("/notifications/unread-count").handler(c.auth().required()).handler(this::unreadCount);
    api.get("/notifications/stream").handler(c.auth().required()).handler(stream::open);
    api.post("/notifications/read-all").handler(c.auth().required()).handler(this::readAll);
    api.post("/notifications/:id/read").handler(c.auth().required()).handler(this::read);
    api.delete("/notifications/:id").handler(c.auth().required()).handler(this::delete);
    api.get("/me/notification-preferences").handler(c.auth().required()).handler(this::preferences);
    api.put("/me/notification-preferences").handler(c.auth().required()).handler(this::savePreferences);
  }

  private void list(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "unread", "cursor", "limit")
        .choice("unread", Set.of("true", "false")).cursor().limit().validate();
    query.put("unread", "true".equals(query.remove("unread")));
    notifications.list(AuthUser.of(ctx).userId(), query).onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private void unreadCount(RoutingContext ctx) {
    QueryParams.of(ctx).validate();
    notifications.unreadCount(AuthUser.of(ctx).userId())
        .onSuccess(count -> Responses.ok(ctx, new JsonObject().put("count", count))).onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    String userId = AuthUser.of(ctx).userId();
    OwnRow.change(ctx, NOT_FOUND, id -> notifications.markRead(userId, id),
        id -> changed(userId, new JsonObject().put("event", "read").put("id", id)));
  }

  private void readAll(RoutingContext ctx) {
    String userId = AuthUser.of(ctx).userId();
    notifications.markAllRead(userId).onSuccess(count -> {
      changed(userId, new JsonObject().put("event", "read-all"));
      Responses.ok(ctx, new JsonObject().put("marked", count));
    }).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String userId = AuthUser.of(ctx).userId();
    OwnRow.change(ctx, NOT_FOUND, id -> notifications.delete(userId, id),
        id -> changed(userId, new JsonObject().put("event", "deleted").put("id", id)));
  }

  /** Tells the user's open tabs, on every node, so that their unread counts follow. */
  private void changed(String userId, JsonObject event) {
    vertx.eventBus().publish(Notices.liveAddress(userId), event);
  }

  private void preferences(RoutingContext ctx) {
    notifications.preferences(AuthUser.of(ctx).userId())
        .onSuccess(chosen -> Responses.ok(ctx, Preferences.view(chosen))).onFailure(ctx::fail);
  }

  private void savePreferences(RoutingContext ctx) {
    String userId = AuthUser.of(ctx).userId();
    Validator v = Validator.body(ctx, Preferences.typeIds());
    JsonObject changes = Preferences.read(v);
    v.validate();
    notifications.preferences(userId)
        .compose(chosen -> {
          NotificationPreferences merged = Preferences.merge(chosen, changes);
          return notifications.savePreferences(userId, merged).map(done -> merged);
        })
        .onSuccess(merged -> Responses.ok(ctx, Preferences.view(merged)))
        .onFailure(ctx::fail);
  }
}
