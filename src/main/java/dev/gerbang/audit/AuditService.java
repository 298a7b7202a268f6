package dev.gerbang.audit;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The security audit trail, on the event bus. */
@ProxyGen
@VertxGen
public interface AuditService {
  String ADDRESS = "gerbang.audit";

  static AuditService proxy(Vertx vertx) {
    return new AuditServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Records {event, userId?, actorId?, ip?, requestId?, detail?}. */
  Future<Void> record(JsonObject entry);

  /** Admin search: {event, userId, from, to (epoch ms), limit, cursor} -> {items, nextCursor, total}. */
  Future<JsonObject> search(JsonObject query);
}
