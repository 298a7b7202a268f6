package dev.gerbang.audit;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The security audit trail, on the event bus. */
@ProxyGen
@VertxGen
public interface AuditService {
  String ADDRESS = "gerbang.audit";

  static AuditService proxy(Vertx vertx) {
    return new AuditServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Records one event on its own: for events with no transaction of their own (a change's row: {@link AuditLog}). */
  Future<Void> record(AuditEntry entry);

  /** Admin search, newest first. */
  Future<AuditPage> search(AuditQuery query);
}
