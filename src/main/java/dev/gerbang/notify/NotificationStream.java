package dev.gerbang.notify;

import dev.gerbang.Components;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.auth.SessionsRevoked;
import dev.gerbang.db.Ids;
import dev.gerbang.http.HttpVerticle;
import dev.gerbang.http.Problem;
import dev.gerbang.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import dev.gerbang.user.UserChanged;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET /api/notifications/stream: Server-Sent Events to the caller's open tabs. SSE rather than a WebSocket: the
 * traffic goes one way, it is plain HTTP (the same auth header, proxies, HTTP/2), and resuming after a
 * dropped connection is part of the protocol (Last-Event-ID, whose missed notifications are sent first).
 * Events: `notification` (id: the notification's id), `unread` {count} after every change, `read`,
 * `read-all`, `deleted`. A comment line every heartbeat keeps proxies from closing an idle stream. The
 * stream ends when its session is revoked or its user changes and the session no longer checks out, and when
 * the server stops (the browser reconnects to another node, or to this one when it is back).
 */
final class NotificationStream {
  private static final int RESUME_LIMIT = 100;
  private static final int MAX_STREAMS_PER_USER = 8;

  private final Vertx vertx;
  private final Components c;
  private final NotificationService notifications;
  private final long heartbeatMillis;
  /** Open streams per account in the whole cluster (every HTTP verticle of every node). */
  private final StreamSlots slots;
  /** Streams open on this node (shared by its HTTP verticles). */
  private final AtomicLong open;

  NotificationStream(Vertx vertx, Components components, NotificationService notifications, int heartbeatSeconds) {
    this.vertx = vertx;
    this.c = components;
    this.notifications = notifications;
    this.heartbeatMillis = heartbeatSeconds * 1000L;
    // A slot outlives three missed heartbeats: then a node that died lets go of its streams' slots.
    this.slots = new StreamSlots(vertx, MAX_STREAMS_PER_USER, 3 * heartbeatMillis + 5_000);
    this.open = Metrics.of(vertx).level("gerbang.notification.streams", "Notification streams (SSE) open on this node");
  }

  void open(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    String lastId = ctx.request().getHeader("Last-Event-ID");
    if (lastId != null && !lastId.isEmpty() && !Ids.looksValid(lastId)) {
      ctx.fail(Problem.badRequest("detail.bad_request.last_event_id"));
      return;
    }
    String holder = Ids.newId();
    slots.acquire(me.userId(), holder).onComplete(acquired -> {
      if (acquired.failed()) {
        ctx.fail(acquired.cause());
      } else if (acquired.result() == null) {
        ctx.fail(new Problem(429, "too-many-streams", "title.too_many_streams", "detail.too_many_streams", java.util.List.of())
            .with("max", MAX_STREAMS_PER_USER));
      } else if (ctx.response().closed()) {
        slots.release(acquired.result(), holder);
      } else {
        new Connection(ctx, me, acquired.result(), holder).start(lastId == null || lastId.isEmpty() ? null : lastId);
      }
    });
  }

  private final class Connection {
    private final HttpServerResponse response;
    private final AuthUser me;
    private final String slot;
    private final String holder;
    private MessageConsumer<JsonObject> live;
    private MessageConsumer<JsonObject> revocations;
    private MessageConsumer<JsonObject> accounts;
    private MessageConsumer<Object> stopping;
    private long heartbeat;
    private boolean closed;
    /** Writes in order, although counts come back from the database asynchronously. */
    private Future<Void> tail = Future.succeededFuture();

    Connection(RoutingContext ctx, AuthUser me, String slot, String holder) {
      this.response = ctx.response();
      this.me = me;
      this.slot = slot;
      this.holder = holder;
    }

    void start(String lastId) {
      // identity: no compression, whose buffering would hold events back.
      response.setChunked(true)
          .putHeader("Content-Type", "text/event-stream; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .putHeader("Content-Encoding", "identity")
          .putHeader("X-Accel-Buffering", "no");
      response.closeHandler(v -> close());
      response.exceptionHandler(e -> close());
      // Listen before reading what was missed, so that nothing falls between the two.
      live = vertx.eventBus().consumer(Notices.liveAddress(me.userId()), message -> event(message.body()));
      revocations = vertx.eventBus().consumer(SessionsRevoked.ADDRESS,
          message -> sessionsRevoked(SessionsRevoked.fromJson(message.body())));
      accounts = vertx.eventBus().consumer(UserChanged.ADDRESS, message -> accountChanged(UserChanged.fromJson(message.body())));
      stopping = vertx.eventBus().localConsumer(HttpVerticle.STOPPING, message -> end());
      heartbeat = vertx.setPeriodic(heartbeatMillis, id -> keepAlive());
      open.incrementAndGet();
      write("retry: 3000\n: connected\n\n");
      // On a cluster a consumer hears other nodes only once its registration has reached them: catch up after that,
      // or a notification written elsewhere in between would be neither heard nor read.
      tail = Future.all(live.completion(), revocations.completion(), accounts.completion())
          .<Void>mapEmpty().recover(failure -> Future.succeededFuture());
      if (lastId != null) {
        enqueue(() -> notifications.since(me.userId(), lastId, RESUME_LIMIT).map(missed -> {
          missed.forEach(notification -> writeNotification(notification.toJson()));
          return null;
        }));
      }
      sendUnreadCount();
    }

    private void event(JsonObject event) {
      String kind = event.getString("event");
      if ("notification".equals(kind)) {
        writeNotification(event.getJsonObject("notification"));
      } else {
        JsonObject data = event.copy();
        data.remove("event");
        write("event: " + kind + "\ndata: " + data.encode() + "\n\n");
      }
      sendUnreadCount();
    }

    private void writeNotification(JsonObject notification) {
      write("event: notification\nid: " + notification.getString("id") + "\ndata: " + notification.encode() + "\n\n");
    }

    private void sendUnreadCount() {
      enqueue(() -> notifications.unreadCount(me.userId())
          .map(count -> write("event: unread\ndata: " + new JsonObject().put("count", count).encode() + "\n\n")));
    }

    private void enqueue(java.util.function.Supplier<Future<?>> step) {
      tail = tail.compose(done -> closed ? Future.succeededFuture() : step.get().<Void>mapEmpty())
          .recover(failure -> Future.succeededFuture());
    }

    /** Heartbeat, and a look at the session: a revocation heard of nowhere still ends the stream. */
    private void keepAlive() {
      write(": ping\n\n");
      slots.renew(slot, holder);
      c.gate().check(me.sessionId(), me.userId()).onSuccess(user -> {
        if (user == null) {
          end();
        }
      });
    }

    private void sessionsRevoked(SessionsRevoked revoked) {
      if (revoked.sessionIds().contains(me.sessionId())) {
        end();
      }
    }

    private void accountChanged(UserChanged changed) {
      if (changed.affectsSessions() && me.userId().equals(changed.userId())) {
        // Roles or status changed: ask the database itself, not a cache that may not have heard yet.
        c.sessions().lookup(me.sessionId()).onSuccess(session -> {
          if (session == null || !session.active()) {
            end();
          }
        });
      }
    }

    private Void write(String text) {
      if (!closed) {
        response.write(text);
      }
      return null;
    }

    private void end() {
      if (!closed) {
        response.end();
      }
      close();
    }

    private void close() {
      if (closed) {
        return;
      }
      closed = true;
      open.decrementAndGet();
      vertx.cancelTimer(heartbeat);
      live.unregister();
      revocations.unregister();
      accounts.unregister();
      stopping.unregister();
      slots.release(slot, holder);
    }
  }
}
