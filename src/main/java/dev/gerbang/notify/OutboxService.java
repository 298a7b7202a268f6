package dev.gerbang.notify;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The outbox as the notify verticle and admins see it, on the event bus. */
@ProxyGen
@VertxGen
public interface OutboxService {
  String ADDRESS = "gerbang.outbox";

  static OutboxService proxy(Vertx vertx) {
    return new OutboxServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Claims up to `limit` due messages for `lockMs` (no other node sends them meanwhile) and answers them. */
  Future<List<OutboxMessage>> claimDue(int limit, long lockMs);

  /** The claimed message went out. */
  Future<Void> markSent(String id);

  /** The claimed message failed: back to pending at nextAttemptAt, or dead when dead is true. */
  Future<Void> markFailed(String id, boolean dead, long nextAttemptAt, String error);

  /** No SMTP server is configured: keep the claimed message, not sent. */
  Future<Void> markHeld(String id, String note);

  /** The channel (email, webpush, fcm) is configured now: its held messages become pending. Answers how many. */
  Future<Integer> releaseHeld(String channel);

  /** Admin list: {status, limit, cursor} -> a page, newest first, without the messages' variables. */
  Future<OutboxPage> search(JsonObject query);

  /** Puts a dead or held message back in the queue, audited (admin_mail_retried); false when it is in another state or unknown. */
  Future<Boolean> retry(String id, Actor actor);
}
