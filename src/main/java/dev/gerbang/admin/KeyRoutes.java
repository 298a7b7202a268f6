package dev.gerbang.admin;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.audit.AuditEntry;
import dev.gerbang.audit.AuditService;
import dev.gerbang.auth.Keys;
import dev.gerbang.auth.KeysRotated;
import dev.gerbang.http.RequestIds;
import dev.gerbang.http.Responses;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /api/admin/keys/rotate: a new access-token signing key for the whole cluster. The new key is stored (the
 * data dir, or the database in a cluster), this node signs with it at once and the others when they hear of it;
 * tokens signed with the previous keys stay valid until they expire.
 */
final class KeyRoutes {
  private static final Logger log = LoggerFactory.getLogger(KeyRoutes.class);

  private final Components c;
  private final Vertx vertx;
  private final AuditService audit;

  KeyRoutes(Components components, Vertx vertx) {
    this.c = components;
    this.vertx = vertx;
    this.audit = AuditService.proxy(vertx);
  }

  void mount(Router api) {
    api.post("/admin/keys/rotate").handler(c.auth().required(Roles.ADMIN)).handler(this::rotate);
  }

  private void rotate(RoutingContext ctx) {
    vertx.executeBlocking(() -> Keys.rotate(c.secrets(), c.authSettings().jwtSecret())).compose(keys -> {
      c.tokens().use(keys);
      String kid = keys.signingKeys().get(0).kid();
      c.events().announce(new KeysRotated(kid));
      return audited(ctx, kid).map(new JsonObject().put("signingKid", kid).put("keys", keys.signingKeys().size())
          .put("pinnedByEnvironment", !c.authSettings().jwtSecret().isEmpty()));
    }).onSuccess(body -> Responses.ok(ctx, body)).onFailure(ctx::fail);
  }

  /**
   * The rotation's audit row, written before the answer. The keys are not in the audit log's database transaction,
   * so the two cannot be one: once the new key is stored and in use, a failed audit write cannot undo it, and an
   * error answer would tell the admin the rotation failed when every new token is already signed with the new key
   * (a second try would rotate again). So the failure is logged as an error, for the operator, and the answer is the
   * rotation's.
   */
  private Future<Void> audited(RoutingContext ctx, String kid) {
    return audit.record(AuditEntry.of(Audit.actor(ctx), "signing_key_rotated", null, new JsonObject().put("signingKid", kid)))
        .recover(failure -> {
          log.error("signing key {} rotated, but its audit row could not be written (request {})", kid, RequestIds.of(ctx), failure);
          return Future.succeededFuture();
        });
  }
}
