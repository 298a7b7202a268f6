package dev.gerbang.notify;

import dev.gerbang.db.Ids;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs admin broadcasts on this node, for the notify verticle: claims one job at a time (when one is queued on
 * any node, every few seconds, and at start), and reaches its recipients a batch per transaction. After each
 * batch it waits as long as the batch took, so that a broadcast never has the database (on SQLite its one write
 * lock) more than about half the time: a sign-in waits for one batch at most, never for the whole audience.
 * Stopping, it lets the batch under way commit and gives its claim up, so that the job goes on at once elsewhere,
 * or here after a restart, from where it stopped.
 */
final class BroadcastRunner {
  private static final Logger log = LoggerFactory.getLogger(BroadcastRunner.class);
  /** Recipients per transaction: a few hundred milliseconds of writes on SQLite. */
  static final int BATCH = 200;
  /** How long a claim lasts without a batch to extend it: a node that died leaves its job to others after this. */
  static final long CLAIM_MILLIS = 60_000;
  private static final long POLL_MILLIS = 5_000;
  private static final long MIN_PAUSE_MILLIS = 10;

  private final Vertx vertx;
  private final BroadcastService broadcasts;
  private MessageConsumer<Object> queued;
  private long timer;
  private long pause = -1;
  private boolean running;
  private boolean again;
  private boolean stopping;
  /** The job this node holds and the claim's token, while it holds one. */
  private String held;
  private String token;
  /** The database call under way (a claim or a batch), so that stop() lets it finish. */
  private Future<?> inFlight = Future.succeededFuture();

  BroadcastRunner(Vertx vertx, BroadcastService broadcasts) {
    this.vertx = vertx;
    this.broadcasts = broadcasts;
  }

  void start() {
    queued = vertx.eventBus().consumer(BroadcastQueued.ADDRESS, message -> poll());
    timer = vertx.setPeriodic(POLL_MILLIS, id -> poll());
    poll();
  }

  /** One job at a time; a wake-up while one runs makes the runner look again when it is done. */
  private void poll() {
    if (stopping) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    String claim = Ids.newId();
    Future<String> claimed = broadcasts.claim(claim, CLAIM_MILLIS);
    inFlight = claimed;
    claimed.compose(id -> {
      if (id == null) {
        return Future.succeededFuture(false);
      }
      held = id;
      token = claim;
      log.info("broadcast {} claimed", id);
      return run().map(true);
    }).onComplete(done -> {
      running = false;
      if (done.failed()) {
        log.warn("broadcast poll failed: {}", done.cause().toString());
      } else if (again || done.result()) {
        poll();
      }
    });
  }

  /** Batches until the job is done, this node stops, or a batch fails (the claim is then given up). */
  private Future<Void> run() {
    if (stopping) {
      return Future.succeededFuture();
    }
    long started = System.nanoTime();
    Future<Broadcast> step = broadcasts.step(held, token, BATCH, CLAIM_MILLIS);
    inFlight = step;
    return step.transform(done -> {
      if (done.failed()) {
        log.warn("broadcast {} stopped, to be taken up again: {}", held, done.cause().toString());
        return giveUp();
      }
      Broadcast job = done.result();
      if (job.done()) {
        log.info("broadcast {} done: {} recipients", job.id(), job.recipients());
        held = null;
        return Future.succeededFuture();
      }
      if (stopping) {
        return Future.succeededFuture();
      }
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      return pauseFor(Math.max(MIN_PAUSE_MILLIS, took)).compose(x -> run());
    });
  }

  private Future<Void> pauseFor(long millis) {
    Promise<Void> resumed = Promise.promise();
    pause = vertx.setTimer(millis, id -> {
      pause = -1;
      resumed.complete();
    });
    return resumed.future();
  }

  private Future<Void> giveUp() {
    if (held == null) {
      return Future.succeededFuture();
    }
    String id = held;
    held = null;
    return broadcasts.release(id, token).recover(e -> {
      log.warn("could not give up the claim of broadcast {} (it runs out by itself): {}", id, e.toString());
      return Future.succeededFuture();
    });
  }

  /** Takes no new job, lets the batch under way commit (up to 10 s), then gives the claim up. */
  Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    if (pause >= 0) {
      vertx.cancelTimer(pause);
    }
    return queued.unregister()
        .transform(done -> inFlight.timeout(10, TimeUnit.SECONDS).transform(finished -> giveUp()));
  }
}
