package dev.gerbang.webhook;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * /api/admin/webhooks: admins register endpoints (URL, event types, enabled, description), rotate their secrets,
 * list their deliveries and send one again, or send a test event. A URL is checked here, resolved off the event
 * loop, before the service stores it (https, and no loopback, private, link-local or metadata address).
 */
public final class WebhookRoutes {
  private static final Set<String> TYPES = Set.copyOf(Webhooks.EVENT_TYPES);
  private static final Set<String> STATUSES = Set.of("pending", "sending", "delivered", "failed");

  private final Components c;
  private final Vertx vertx;
  private final WebhookService webhooks;
  private final WebhookSettings settings;

  public WebhookRoutes(Components components, Vertx vertx, WebhookService webhooks, WebhookSettings settings) {
    this.c = components;
    this.vertx = vertx;
    this.webhooks = webhooks;
    this.settings = settings;
  }

  public void mount(Router api) {
    String base = "/admin/webhooks";
    api.get(base + "/event-types").handler(c.auth().required(Roles.ADMIN)).handler(this::eventTypes);
    api.get(base).handler(c.auth().required(Roles.ADMIN)).handler(this::list);
    api.post(base).handler(c.auth().required(Roles.ADMIN)).handler(this::create);
    api.get(base + "/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::read);
    api.patch(base + "/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::update);
    api.delete(base + "/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::delete);
    api.post(base + "/:id/rotate-secret").handler(c.auth().required(Roles.ADMIN)).handler(this::rotate);
    api.post(base + "/:id/test").handler(c.auth().required(Roles.ADMIN)).handler(this::test);
    api.get(base + "/:id/deliveries").handler(c.auth().required(Roles.ADMIN)).handler(this::deliveries);
    api.post(base + "/:id/deliveries/:deliveryId/resend").handler(c.auth().required(Roles.ADMIN)).handler(this::resend);
  }

  private static String id(RoutingContext ctx, String param, String notFoundKey) {
    String id = ctx.pathParam(param);
    if (!Ids.looksValid(id)) {
      throw Problem.notFound(notFoundKey);
    }
    return id;
  }

  private void eventTypes(RoutingContext ctx) {
    Responses.ok(ctx, new JsonObject().put("items", new JsonArray(Webhooks.EVENT_TYPES)));
  }

  private void list(RoutingContext ctx) {
    webhooks.list().onSuccess(items -> {
      JsonArray list = new JsonArray();
      items.forEach(item -> list.add(item.toJson()));
      Responses.ok(ctx, new JsonObject().put("items", list));
    }).onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    webhooks.find(id(ctx, "id", "detail.not_found.webhook")).onSuccess(found -> Responses.ok(ctx, found.toJson())).onFailure(ctx::fail);
  }

  /** The fields of a body: every required one on a create, those present on a change. */
  private JsonObject input(Validator v, boolean partial) {
    JsonObject input = new JsonObject();
    if (!partial || v.has("url")) {
      String url = v.text("url", 1, 2000);
      String problem = url == null ? null : Destination.urlProblem(url, settings.allowInsecure());
      if (problem != null) {
        v.add("url", problem);
      }
      input.put("url", url);
    }
    if (!partial || v.has("eventTypes")) {
      List<String> types = v.optionalChoices("eventTypes", TYPES);
      if (types == null && v.ok("eventTypes")) {
        v.add("eventTypes", "field.required");
      } else if (types != null && types.isEmpty()) {
        v.add("eventTypes", "field.at_least_one_of", new JsonObject().put("allowed", String.join(", ", Webhooks.EVENT_TYPES)));
      }
      input.put("eventTypes", types == null ? null : new JsonArray(types));
    }
    if (v.has("description")) {
      input.put("description", v.optionalLine("description", 0, 500));
    }
    if (v.has("enabled") || !partial) {
      Boolean enabled = v.optionalBoolean("enabled");
      input.put("enabled", enabled == null || enabled);
    }
    v.validate();
    return input;
  }

  /** The URL's host resolved on a worker and every address checked: INVALID on the field url when refused. */
  private Future<Void> checked(JsonObject input) {
    String url = input.getString("url");
    return url == null ? Future.succeededFuture() : Destination.resolve(vertx, url, settings.allowInsecure()).mapEmpty();
  }

  private void create(RoutingContext ctx) {
    JsonObject input = input(Validator.body(ctx, "url", "eventTypes", "enabled", "description"), false);
    checked(input).compose(ok -> webhooks.create(Audit.actor(ctx), new WebhookInput(input))).onSuccess(created -> {
      ctx.response().putHeader("Location", "/api/admin/webhooks/" + created.id());
      Responses.json(ctx, 201, created.toJson());
    }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = id(ctx, "id", "detail.not_found.webhook");
    Validator v = Validator.body(ctx, "url", "eventTypes", "enabled", "description");
    if (v.raw().isEmpty()) {
      v.add("body", "field.at_least_one_of", new JsonObject().put("allowed", "url, eventTypes, enabled, description"));
    }
    JsonObject input = input(v, true);
    checked(input).compose(ok -> webhooks.update(Audit.actor(ctx), id, new WebhookInput(input)))
        .onSuccess(updated -> Responses.ok(ctx, updated.toJson())).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    webhooks.delete(Audit.actor(ctx), id(ctx, "id", "detail.not_found.webhook")).onSuccess(done -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void rotate(RoutingContext ctx) {
    String id = id(ctx, "id", "detail.not_found.webhook");
    int overlap = settings.rotationOverlapMinutes();
    if (ctx.body() != null && ctx.body().length() > 0) {
      Validator v = Validator.body(ctx, "overlapMinutes");
      Object value = v.raw().getValue("overlapMinutes");
      if (value != null && !(value instanceof Integer n && n >= 0 && n <= 7 * 1440)) {
        v.add("overlapMinutes", "field.overlap_minutes", new JsonObject().put("max", 7 * 1440));
      }
      v.validate();
      overlap = value == null ? overlap : (Integer) value;
    }
    webhooks.rotateSecret(Audit.actor(ctx), id, overlap).onSuccess(rotated -> Responses.ok(ctx, rotated.toJson()))
        .onFailure(ctx::fail);
  }

  private void test(RoutingContext ctx) {
    webhooks.sendTest(Audit.actor(ctx), id(ctx, "id", "detail.not_found.webhook"))
        .onSuccess(delivery -> Responses.json(ctx, 202, delivery.toJson())).onFailure(ctx::fail);
  }

  private void deliveries(RoutingContext ctx) {
    String id = id(ctx, "id", "detail.not_found.webhook");
    JsonObject query = QueryParams.of(ctx, "status", "limit", "cursor").choice("status", STATUSES).limit().cursor().validate();
    webhooks.deliveries(id, query).onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private void resend(RoutingContext ctx) {
    String id = id(ctx, "id", "detail.not_found.webhook");
    String deliveryId = id(ctx, "deliveryId", "detail.not_found.webhook_delivery");
    webhooks.resend(Audit.actor(ctx), id, deliveryId).onSuccess(delivery -> Responses.json(ctx, 202, delivery.toJson()))
        .onFailure(ctx::fail);
  }
}
