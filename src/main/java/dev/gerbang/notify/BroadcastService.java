package dev.gerbang.notify;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Admin broadcasts as jobs, on the event bus: queued in one small transaction, then fanned out by the notify
 * verticle of whichever node claims them, one batch of recipients per transaction (docs/notifications.md).
 */
@ProxyGen
@VertxGen
public interface BroadcastService {
  String ADDRESS = "gerbang.broadcasts";

  static BroadcastService proxy(Vertx vertx) {
    return new BroadcastServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * Queues the message, with its audit row, and announces {@link BroadcastQueued}. With an idempotency key (per
   * sender; null for none), a second call with the same message answers the job the first made, and one with
   * another message fails CONFLICT ("idempotency-key-reused").
   */
  Future<Broadcast> queue(Actor sender, AdminMessage message, String idempotencyKey);

  /** The job with this id, or null. */
  Future<Broadcast> find(String id);

  /**
   * Claims the oldest job that is not done and that no node holds (or whose holder's claim ran out) for lockMs,
   * under this token; answers its id, or null when there is none.
   */
  Future<String> claim(String token, long lockMs);

  /**
   * Reaches the next batch of at most batchSize recipients of a job claimed under this token, in one transaction
   * that also moves its cursor and extends the claim; a batch that finds nobody left marks it done. Answers the
   * job as it stands after. Fails CONFLICT ("broadcast-claim-lost") when the token no longer holds the claim.
   */
  Future<Broadcast> step(String id, String token, int batchSize, long lockMs);

  /** Gives up a claim (a node stopping), so that the job goes on elsewhere, or here after a restart, at once. */
  Future<Void> release(String id, String token);
}
