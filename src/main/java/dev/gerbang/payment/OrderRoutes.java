package dev.gerbang.payment;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Problem;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A user's orders (/api/orders, /api/me/orders), paying them, and every order for the admins (/api/admin/orders). */
final class OrderRoutes {
  private static final int MAX_LINES = 50;
  private static final int MAX_QUANTITY = 1000;

  private final Components c;
  private final OrderService orders;
  private final PaymentEventService events;
  private final Map<String, PaymentProvider> providers;

  OrderRoutes(Components components, OrderService orders, PaymentEventService events, List<PaymentProvider> providers) {
    this.c = components;
    this.orders = orders;
    this.events = events;
    this.providers = providers.stream().collect(Collectors.toMap(PaymentProvider::name, p -> p));
  }

  void mount(Router api) {
    api.get("/payments/providers").handler(c.auth().required()).handler(this::providers);
    api.post("/orders").handler(c.auth().required()).handler(this::place);
    api.get("/me/orders").handler(c.auth().required()).handler(this::mine);
    api.get("/orders/:id").handler(c.auth().required()).handler(ctx -> orders.read(Audit.actor(ctx), orderId(ctx))
        .onSuccess(order -> Responses.ok(ctx, order.toJson())).onFailure(ctx::fail));
    api.post("/orders/:id/cancel").handler(c.auth().required()).handler(this::cancel);
    api.post("/orders/:id/pay").handler(c.auth().required()).handler(this::pay);
    api.get("/admin/orders").handler(c.auth().required(Roles.ADMIN)).handler(this::search);
    api.get("/admin/orders/:id").handler(c.auth().required(Roles.ADMIN)).handler(ctx -> orders.read(Audit.actor(ctx), orderId(ctx))
        .onSuccess(order -> Responses.ok(ctx, order.toJson())).onFailure(ctx::fail));
    api.get("/admin/orders/:id/events").handler(c.auth().required(Roles.ADMIN)).handler(ctx -> events.ofOrder(Audit.actor(ctx),
        orderId(ctx)).onSuccess(list -> Responses.ok(ctx, list.toJson())).onFailure(ctx::fail));
  }

  private static String orderId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("detail.not_found.order");
    }
    return id;
  }

  private void providers(RoutingContext ctx) {
    JsonObject enabled = new JsonObject();
    providers.values().forEach(p -> enabled.put(p.name(), p.enabled()));
    Responses.ok(ctx, enabled);
  }

  private void place(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "items");
    List<OrderInput.Line> lines = new ArrayList<>();
    Object value = v.raw().getValue("items");
    if (!(value instanceof JsonArray items) || items.isEmpty() || items.size() > MAX_LINES) {
      v.add("items", "field.order_items", new JsonObject().put("max", MAX_LINES));
    } else {
      for (int i = 0; i < items.size(); i++) {
        line(v, "items[" + i + "]", items.getValue(i), lines);
      }
    }
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > 255 || !key.matches("[\\x21-\\x7e]+"))) {
      v.add("Idempotency-Key", "field.idempotency_key");
    }
    v.validate();
    OrderInput input = new OrderInput(lines, key, key == null ? null : hash(new OrderInput(lines, null, null).toJson().encode()));
    orders.place(Audit.actor(ctx), input).onSuccess(order -> {
      ctx.response().putHeader("Location", "/api/orders/" + order.id());
      Responses.json(ctx, 201, order.toJson());
    }).onFailure(ctx::fail);
  }

  private static void line(Validator v, String field, Object value, List<OrderInput.Line> lines) {
    if (!(value instanceof JsonObject line)) {
      v.add(field, "field.order_line");
      return;
    }
    for (String name : line.fieldNames()) {
      if (!Set.of("productId", "quantity").contains(name)) {
        v.add(field + "." + name, "field.order_line_field");
      }
    }
    Object productId = line.getValue("productId");
    Object quantity = line.getValue("quantity");
    boolean ok = true;
    if (!(productId instanceof String id) || !Ids.looksValid(id)) {
      v.add(field + ".productId", "field.product_id");
      ok = false;
    }
    if (!(quantity instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1
        || n.longValue() > MAX_QUANTITY) {
      v.add(field + ".quantity", "field.quantity", new JsonObject().put("max", MAX_QUANTITY));
      ok = false;
    }
    if (ok) {
      lines.add(new OrderInput.Line((String) productId, ((Number) quantity).intValue()));
    }
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void mine(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "limit", "cursor").limit().cursor().validate();
    orders.mine(Audit.actor(ctx), query).onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private void search(RoutingContext ctx) {
    Set<String> statuses = Arrays.stream(OrderStatus.values()).map(OrderStatus::id).collect(Collectors.toSet());
    JsonObject query = QueryParams.of(ctx, "status", "userId", "provider", "from", "to", "limit", "cursor")
        .choice("status", statuses).id("userId").choice("provider", providers.keySet()).instant("from").instantUntil("to")
        .limit().cursor().validate();
    orders.search(Audit.actor(ctx), query).onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  /** Starts (or answers the already started) payment of the caller's pending order at the provider they chose. */
  private void pay(RoutingContext ctx) {
    String id = orderId(ctx);
    Validator v = Validator.body(ctx, "provider");
    Object name = v.raw().getValue("provider");
    PaymentProvider provider = name instanceof String s ? providers.get(s) : null;
    if (provider == null) {
      v.add("provider", "field.one_of", new JsonObject().put("allowed", String.join(", ", new java.util.TreeSet<>(providers.keySet()))));
    }
    v.validate();
    if (!provider.enabled()) {
      throw new Problem(503, "payment-provider-disabled", "title.payment_provider_disabled", "detail.payment_provider.disabled",
          List.of()).with("provider", provider.name());
    }
    orders.read(Audit.actor(ctx), id).compose(order -> {
      if (!Audit.actor(ctx).userId().equals(order.userId())) {
        return Future.failedFuture(Failure.notFound("detail.not_found.order"));
      }
      if (order.status() != OrderStatus.PENDING) {
        return Future.failedFuture(Failure.conflict("order-not-pending", "detail.conflict.order_not_pending.pay", null));
      }
      if (order.provider() != null && order.redirectUrl() != null) {
        return order.provider().equals(provider.name()) ? Future.succeededFuture(order)
            : Future.failedFuture(startedElsewhere(order.provider()));
      }
      return provider.start(order).compose(start -> orders.begin(Audit.actor(ctx), start));
    }).onSuccess(order -> Responses.ok(ctx, new JsonObject().put("provider", order.provider())
        .put("redirectUrl", order.redirectUrl()).put("order", order.toJson()))).onFailure(ctx::fail);
  }

  /**
   * Cancels the caller's pending order, ending its payment at the provider first (so its page can no longer be paid):
   * if the provider has the money already, 409 and the order stays for its payment; if it cannot be asked, 503 and
   * nothing changes.
   */
  private void cancel(RoutingContext ctx) {
    String id = orderId(ctx);
    orders.payment(Audit.actor(ctx), id).compose(started -> started == null ? Future.succeededFuture(PaymentEnd.notStarted(id))
            : end(started))
        .compose(ended -> orders.cancel(Audit.actor(ctx), id, ended))
        .onSuccess(order -> Responses.ok(ctx, order.toJson())).onFailure(ctx::fail);
  }

  /** The provider a payment was started with; one whose keys were removed since cannot end it (503, try later). */
  private Future<PaymentEnd> end(PaymentStart started) {
    PaymentProvider provider = providers.get(started.provider());
    return provider != null && provider.enabled() ? provider.end(started)
        : Future.failedFuture(new Problem(503, "payment-provider-disabled", "title.payment_provider_disabled",
            "detail.payment_provider.disabled", List.of()).with("provider", started.provider()));
  }

  /** A second provider for an order whose payment began with another: named, in the detail and on the field. */
  private static Failure startedElsewhere(String started) {
    JsonObject params = new JsonObject().put("provider", started);
    return new Failure(Failure.Kind.CONFLICT, "payment-started-elsewhere", "title.status.409",
        "detail.conflict.payment_started_with", params,
        List.of(new FieldError("provider", "detail.conflict.payment_started_with", null, params)));
  }
}
