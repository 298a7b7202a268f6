package dev.gerbang.metrics;

import dev.gerbang.Components;
import dev.gerbang.db.DatabaseVerticle;
import dev.gerbang.http.Responses;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/admin/stats: the admin overview's numbers. From the database (sign-ups, sign-ins, roles, content, the
 * outbox, sessions: see {@link StatsService}), from this node's meters (the last hour of requests) and the
 * database's size. Series are dense (a day or hour with nothing is a 0), oldest first, in UTC.
 */
final class OverviewRoutes {
  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  private final Components c;
  private final Vertx vertx;
  private final StatsService stats;
  private final RequestWindow window;

  OverviewRoutes(Components components, Vertx vertx, RequestWindow window) {
    this.c = components;
    this.vertx = vertx;
    this.stats = StatsService.proxy(vertx);
    this.window = window;
  }

  void mount(Router api) {
    api.get("/admin/stats").handler(c.auth().required(Roles.ADMIN)).handler(this::stats);
  }

  private void stats(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    Future<Overview> overview = stats.overview(now);
    Future<JsonObject> size = vertx.eventBus().<JsonObject>request(DatabaseVerticle.SIZE, null,
            new DeliveryOptions().setSendTimeout(2000).setLocalOnly(true))
        .map(reply -> reply.body()).otherwise(new JsonObject());
    Future.all(overview, size).onSuccess(both -> Responses.ok(ctx, body(now, overview.result(), size.result())))
        .onFailure(ctx::fail);
  }

  private JsonObject body(long now, Overview o, JsonObject size) {
    return new JsonObject()
        .put("generatedAt", Instant.ofEpochMilli(now).toString())
        .put("signUpsPerDay", days(now, o.signUps()))
        .put("signInsPerHour", signIns(now, o.signIns()))
        .put("activeSessions", o.activeSessions())
        .put("usersByRole", keyed(o.roles()))
        .put("articlesPerDay", days(now, o.articles()))
        .put("commentsPerDay", days(now, o.comments()))
        .put("outbox", outbox(o.outbox()))
        .put("requests", window == null ? null : new JsonObject().put("perMinute", window.lastHour()))
        .put("database", size);
  }

  /** The last 30 days, each {day, count}. */
  private static JsonArray days(long now, List<Count> counts) {
    JsonArray days = new JsonArray();
    long today = now / DAY;
    for (long day = today - 29; day <= today; day++) {
      long d = day;
      days.add(new JsonObject().put("day", LocalDate.ofEpochDay(day).toString())
          .put("count", counts.stream().filter(count -> count.bucket() == d).mapToLong(Count::count).sum()));
    }
    return days;
  }

  /** The last 48 hours, each {hour, ok, failed, locked}. */
  private static JsonArray signIns(long now, List<Count> counts) {
    JsonArray hours = new JsonArray();
    long current = now / HOUR;
    for (long hour = current - 47; hour <= current; hour++) {
      JsonObject entry = new JsonObject().put("hour", Instant.ofEpochMilli(hour * HOUR).toString())
          .put("ok", 0L).put("failed", 0L).put("locked", 0L);
      for (Count count : counts) {
        if (count.bucket() == hour) {
          entry.put(count.key(), entry.getLong(count.key()) + count.count());
        }
      }
      hours.add(entry);
    }
    return hours;
  }

  private static JsonObject keyed(List<Count> counts) {
    JsonObject keyed = new JsonObject();
    counts.forEach(count -> keyed.put(count.key(), count.count()));
    return keyed;
  }

  /** [{status, channel, count}]: waiting, sending, held and dead messages, and those sent in the last 24 hours. */
  private static JsonArray outbox(List<Count> counts) {
    JsonArray list = new JsonArray();
    for (Count count : counts) {
      String[] parts = count.key().split("/", 2);
      list.add(new JsonObject().put("status", parts[0]).put("channel", parts[1]).put("count", count.count()));
    }
    return list;
  }
}
