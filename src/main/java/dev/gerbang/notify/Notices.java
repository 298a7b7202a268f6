package dev.gerbang.notify;

import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The notification pipeline's first step, inside the transaction of the change that caused the event: the
 * recipient's inbox row and an outbox row per channel (email, and each of their push devices) that their
 * preferences enable. Nothing exists unless the change commits; after it commits, {@link Batch#delivered()}
 * tells the open tabs and wakes the notify verticle.
 */
public final class Notices {
  private final Vertx vertx;
  private final Sql sql;
  private final Outbox outbox;
  private final Templates templates;

  /**
   * One event for one recipient. variables fill the type's title and body; mail is the email's outbox row
   * (recipient, template, locale, variables), or null when this event has no email.
   */
  public record Notice(NoticeType type, String userId, JsonObject variables, String path, JsonObject mail) {
  }

  public Notices(Vertx vertx, Database database, Outbox outbox, Templates templates) {
    this.vertx = vertx;
    this.sql = database.sql("notifications");
    this.outbox = outbox;
    this.templates = templates;
  }

  /** The event-bus address where a user's open tabs hear about their notifications, on any node. */
  public static String liveAddress(String userId) {
    return "gerbang.notifications.user." + userId;
  }

  public Batch batch() {
    return new Batch();
  }

  /** The notices of one transaction. */
  public final class Batch {
    private final List<JsonObject> inApp = new ArrayList<>();

    public Future<Void> add(SqlConnection conn, Notice notice) {
      String type = notice.type().id();
      return conn.preparedQuery(sql.get("recipient")).execute(Tuple.of(type, notice.userId())).compose(rows -> {
        Row recipient = Rows.first(rows, row -> row);
        if (recipient == null) {
          return Future.succeededFuture();
        }
        NoticeType.Channels channels = notice.type().effective(recipient.getValue("in_app") == null
            ? notice.type().defaults()
            : new NoticeType.Channels(Rows.bool(recipient, "in_app"), Rows.bool(recipient, "email"), Rows.bool(recipient, "push")));
        String locale = recipient.getString("locale");
        Templates.Notice text = templates.notice(notice.type(), locale, notice.variables());
        String id = Ids.newId();
        JsonObject payload = new JsonObject().put("id", id).put("type", type).put("title", text.title())
            .put("body", text.body()).put("path", notice.path());
        Future<?> chain = Future.succeededFuture();
        if (channels.inApp()) {
          long now = System.currentTimeMillis();
          chain = conn.preparedQuery(sql.get("insert")).execute(Tuple.of(id, notice.userId(), type, text.title(), text.body(),
              notice.path()).addLong(now)).onSuccess(done -> inApp.add(payload.copy()
              .put("createdAt", Instant.ofEpochMilli(now).toString()).put("readAt", null).put("userId", notice.userId())));
        }
        if (channels.email() && notice.mail() != null) {
          chain = chain.compose(done -> outbox.enqueue(conn, notice.mail().copy().put("userId", notice.userId())));
        }
        if (channels.push()) {
          chain = chain.compose(done -> pushes(conn, notice, locale, payload));
        }
        return chain.mapEmpty();
      });
    }

    private Future<Void> pushes(SqlConnection conn, Notice notice, String locale, JsonObject payload) {
      return conn.preparedQuery(sql.get("pushTargets")).execute(Tuple.of(notice.userId(), notice.userId())).compose(rows -> {
        Future<?> chain = Future.succeededFuture();
        for (Row target : rows) {
          chain = chain.compose(done -> outbox.enqueuePush(conn, target.getString("channel"), target.getString("id"),
              notice.userId(), notice.type().id(), locale, payload));
        }
        return chain.mapEmpty();
      });
    }

    /** Call once the transaction committed: the recipients' open tabs get their new rows, and the outbox drains. */
    public void delivered() {
      for (JsonObject notification : inApp) {
        String userId = (String) notification.remove("userId");
        vertx.eventBus().publish(liveAddress(userId), new JsonObject().put("event", "notification").put("notification", notification));
      }
      outbox.wake();
    }
  }
}
