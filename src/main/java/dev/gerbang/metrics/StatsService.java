package dev.gerbang.metrics;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The counts behind the admin overview and the node's gauges, each from an index range. */
@ProxyGen
@VertxGen
public interface StatsService {
  String ADDRESS = "gerbang.stats";

  static StatsService proxy(Vertx vertx) {
    return new StatsServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The gauges' values at `now` (epoch millis): sessions open, outbox waiting per channel. */
  Future<Levels> levels(long now);

  /** The overview at `now` (epoch millis): the last 30 days, the last 48 hours. */
  Future<Overview> overview(long now);
}
