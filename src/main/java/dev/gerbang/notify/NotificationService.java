package dev.gerbang.notify;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Each user's inbox and notification preferences, and their retention, on the event bus (broadcasts: BroadcastService). */
@ProxyGen
@VertxGen
public interface NotificationService {
  String ADDRESS = "gerbang.notifications";

  static NotificationService proxy(Vertx vertx) {
    return new NotificationServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** {unread (boolean), cursor, limit} -> one page of the user's notifications, newest first. */
  Future<NotificationPage> list(String userId, JsonObject query);

  /** How many of the user's notifications are unread. */
  Future<Long> unreadCount(String userId);

  /** False when the user has no notification with this id. */
  Future<Boolean> markRead(String userId, String id);

  /** Answers how many were unread. */
  Future<Integer> markAllRead(String userId);

  /** False when the user has no notification with this id. */
  Future<Boolean> delete(String userId, String id);

  /** The user's notifications created after the one with this id, oldest first: what a resumed stream missed. */
  Future<List<Notification>> since(String userId, String lastId, int limit);

  /** What the user chose, for the types they changed; the others keep their defaults. */
  Future<NotificationPreferences> preferences(String userId);

  /** Stores the channels of each type given. */
  Future<Void> savePreferences(String userId, NotificationPreferences preferences);

  /**
   * Deletes every notification created before this time (epoch ms), and the admin broadcasts that finished
   * before it; answers how many notifications.
   */
  Future<Integer> purge(long before);
}
