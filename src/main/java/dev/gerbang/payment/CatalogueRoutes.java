package dev.gerbang.payment;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** /api/products (what a signed-in user may order) and /api/admin/products (the admins' catalogue). */
final class CatalogueRoutes {
  /** The largest price: a million million minor units keeps every total of 100 lines of 1000 far from overflowing. */
  static final long MAX_PRICE = 1_000_000_000_000L;

  private final Components c;
  private final CatalogueService catalogue;

  CatalogueRoutes(Components components, CatalogueService catalogue) {
    this.c = components;
    this.catalogue = catalogue;
  }

  void mount(Router api) {
    api.get("/products").handler(c.auth().required()).handler(ctx -> list(ctx, false));
    api.get("/admin/products").handler(c.auth().required(Roles.ADMIN)).handler(ctx -> list(ctx, true));
    api.post("/admin/products").handler(c.auth().required(Roles.ADMIN)).handler(this::create);
    api.patch("/admin/products/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::update);
  }

  private void list(RoutingContext ctx, boolean all) {
    catalogue.list(all).onSuccess(list -> Responses.ok(ctx, list.toJson())).onFailure(ctx::fail);
  }

  private static ProductInput input(RoutingContext ctx, boolean partial) {
    Validator v = Validator.body(ctx, "name", "description", "price", "currency", "active");
    String name = !partial || v.has("name") ? v.line("name", 1, 120) : null;
    String description = v.has("description") ? v.text("description", 0, 2000) : partial ? null : "";
    Long price = null;
    if (!partial || v.has("price")) {
      Object value = v.raw().getValue("price");
      if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1 || n.longValue() > MAX_PRICE) {
        v.add("price", "field.price", new JsonObject().put("max", MAX_PRICE));
      } else {
        price = n.longValue();
      }
    }
    String currency = null;
    if (!partial || v.has("currency")) {
      Object value = v.raw().getValue("currency");
      if (!(value instanceof String s) || !Currencies.known(s)) {
        v.add("currency", "field.one_of", new JsonObject().put("allowed", String.join(", ", Currencies.codes())));
      } else {
        currency = s;
      }
    }
    Boolean active = v.optionalBoolean("active");
    if (partial && v.raw().isEmpty()) {
      v.add("body", "field.at_least_one_of", new JsonObject().put("allowed", "name, description, price, currency, active"));
    }
    v.validate();
    return new ProductInput(name, description, price, currency, active);
  }

  private void create(RoutingContext ctx) {
    catalogue.create(Audit.actor(ctx), input(ctx, false)).onSuccess(product -> {
      ctx.response().putHeader("Location", "/api/admin/products/" + product.id());
      Responses.json(ctx, 201, product.toJson());
    }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("detail.not_found.product");
    }
    catalogue.update(Audit.actor(ctx), id, input(ctx, true)).onSuccess(product -> Responses.ok(ctx, product.toJson()))
        .onFailure(ctx::fail);
  }
}
