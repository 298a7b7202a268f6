package dev.gerbang.audit;

import dev.gerbang.auth.AuthUser;
import dev.gerbang.http.ClientInfo;
import dev.gerbang.http.RequestIds;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records a security event for a request: who, about whom, from which address, under which request id. */
public final class Audit {
  private static final Logger log = LoggerFactory.getLogger(Audit.class);
  private final AuditService service;

  public Audit(AuditService service) {
    this.service = service;
  }

  /** The caller of this request, signed in or not, as the services take it. */
  public static Actor actor(RoutingContext ctx) {
    AuthUser user = AuthUser.of(ctx);
    return new Actor(user == null ? null : user.userId(), user == null ? java.util.List.of() : java.util.List.copyOf(user.roles()),
        ClientInfo.ip(ctx), RequestIds.of(ctx));
  }

  /**
   * Fire and forget, for events with no transaction of their own (a refused sign-in): a failure to audit is
   * logged, and does not fail the user's request. A change's audit row belongs in its service's transaction
   * ({@link AuditLog}).
   */
  public void record(RoutingContext ctx, String event, String userId, JsonObject detail) {
    service.record(AuditEntry.of(actor(ctx), event, userId, detail)).onFailure(e -> log.error("could not record audit event {} for request {}", event,
        RequestIds.of(ctx), e));
  }

  public void record(RoutingContext ctx, String event, String userId) {
    record(ctx, event, userId, null);
  }
}
