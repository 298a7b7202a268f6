package dev.gerbang.notify;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Each user's inbox and notification preferences, and the admins' messages, on the event bus. */
@ProxyGen
@VertxGen
public interface NotificationService {
  String ADDRESS = "gerbang.notifications";

  static NotificationService proxy(Vertx vertx) {
    return new NotificationServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** {unread (boolean), cursor, limit} -> {items, nextCursor, total}, newest first. */
  Future<JsonObject> list(String userId, JsonObject query);

  Future<Long> unreadCount(String userId);

  /** False when the user has no notification with this id. */
  Future<Boolean> markRead(String userId, String id);

  /** Answers how many were unread. */
  Future<Integer> markAllRead(String userId);

  /** False when the user has no notification with this id. */
  Future<Boolean> delete(String userId, String id);

  /** The user's notifications created after the one with this id, oldest first: what a resumed stream missed. */
  Future<JsonArray> since(String userId, String lastId, int limit);

  /** What the user chose: {type: {inApp, email, push}} for the types they changed, nothing for the others. */
  Future<JsonObject> preferences(String userId);

  /** Stores {type: {inApp, email, push}} for each type given (already validated). */
  Future<Void> savePreferences(String userId, JsonObject preferences);

  /**
   * An admin's message {title, body, path, to: {userIds:[...]} | {role} | {all: true}}: a notice for each enabled
   * account named, in one transaction. Answers how many accounts it reached.
   */
  Future<Integer> message(JsonObject message);

  /**
   * Deletes every notification created before this time (epoch ms), at most once an hour for the whole cluster
   * (the other nodes' calls within the hour answer 0); answers how many.
   */
  Future<Integer> purge(long before);
}
