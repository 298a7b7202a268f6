package dev.gerbang.admin;

import dev.gerbang.Components;
import dev.gerbang.auth.Keys;
import dev.gerbang.auth.KeysRotated;
import dev.gerbang.http.Responses;
import dev.gerbang.user.Roles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /api/admin/keys/rotate: a new access-token signing key for the whole cluster. The new key is stored (the
 * data dir, or the database in a cluster), this node signs with it at once and the others when they hear of it;
 * tokens signed with the previous keys stay valid until they expire.
 */
final class KeyRoutes {
  private final Components c;
  private final Vertx vertx;

  KeyRoutes(Components components, Vertx vertx) {
    this.c = components;
    this.vertx = vertx;
  }

  void mount(Router api) {
    api.post("/admin/keys/rotate").handler(c.auth().required(Roles.ADMIN)).handler(this::rotate);
  }

  private void rotate(RoutingContext ctx) {
    vertx.executeBlocking(() -> Keys.rotate(c.secrets(), c.authSettings().jwtSecret())).onSuccess(keys -> {
      c.tokens().use(keys);
      String kid = keys.signingKeys().get(0).kid();
      c.events().announce(new KeysRotated(kid));
      c.audit().record(ctx, "signing_key_rotated", null, new JsonObject().put("signingKid", kid));
      Responses.ok(ctx, new JsonObject().put("signingKid", kid).put("keys", keys.signingKeys().size())
          .put("pinnedByEnvironment", !c.authSettings().jwtSecret().isEmpty()));
    }).onFailure(ctx::fail);
  }
}
