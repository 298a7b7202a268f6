package dev.gerbang.admin;

import dev.gerbang.Components;
import dev.gerbang.db.DatabaseVerticle;
import dev.gerbang.http.Responses;
import dev.gerbang.user.Roles;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The admin's system page: is this node healthy, which version runs, since when, and how big the database is. */
public final class SystemRoutes {
  private final Components c;
  private final Vertx vertx;

  public SystemRoutes(Components components, Vertx vertx) {
    this.c = components;
    this.vertx = vertx;
  }

  public void mount(Router api) {
    api.get("/admin/system").handler(c.auth().required(Roles.ADMIN)).handler(this::system);
  }

  /** A database that does not answer is reported as DOWN in a 200: the page is there to show exactly that. */
  private void system(RoutingContext ctx) {
    JsonObject body = new JsonObject()
        .put("version", c.version())
        .put("startedAt", c.startedAt().toString())
        .put("uptimeSeconds", Duration.between(c.startedAt(), Instant.now()).toSeconds())
        .put("javaVersion", Runtime.version().toString());
    vertx.eventBus().<JsonObject>request(DatabaseVerticle.SIZE, null, new DeliveryOptions().setSendTimeout(2000).setLocalOnly(true))
        .onComplete(reply -> {
          JsonObject database = reply.succeeded()
              ? reply.result().body().copy().put("status", "UP")
              : new JsonObject().put("status", "DOWN");
          body.put("status", database.getString("status")).put("database", database);
          c.cluster().members().onComplete(members -> Responses.ok(ctx, body
              .put("cluster", new JsonObject().put("clustered", c.cluster().clustered()).put("nodeId", c.cluster().nodeId())
                  .put("nodes", members.succeeded() ? nodes(members.result()) : new JsonArray()))));
        });
  }

  /** Each node of the cluster (this one alone on a single node): id, address, version, and since when it runs. */
  private static JsonArray nodes(List<JsonObject> members) {
    JsonArray nodes = new JsonArray();
    for (JsonObject member : members) {
      JsonObject node = member.copy();
      String started = member.getString("startedAt");
      if (started != null) {
        node.put("uptimeSeconds", Duration.between(Instant.parse(started), Instant.now()).toSeconds());
      }
      nodes.add(node);
    }
    return nodes;
  }
}
