package dev.gerbang.payment;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Orders. A user sees only their own (someone else's is NOT_FOUND, as if it did not exist); an admin sees all.
 * Amounts come from the catalogue, never from the caller.
 */
@ProxyGen
@VertxGen
public interface OrderService {
  String ADDRESS = "gerbang.payment.orders";

  static OrderService proxy(Vertx vertx) {
    return new OrderServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Places an order for active products of one currency; the same Idempotency-Key answers the same order. */
  Future<Order> place(Actor actor, OrderInput order);

  /** The actor's orders, newest first: {limit, cursor}. */
  Future<OrderPage> mine(Actor actor, JsonObject query);

  /** Every order, for admins: {status, userId, provider, from, to (epoch ms), limit, cursor}. */
  Future<OrderPage> search(Actor actor, JsonObject query);

  /** One order with its lines: the actor's own, or any for an admin. */
  Future<Order> read(Actor actor, String orderId);

  /**
   * The payment started at a provider for the actor's own pending order, which a cancel ends there first (null: none
   * started yet, or the order is no longer pending: nothing to end); NOT_FOUND for someone else's order.
   */
  Future<PaymentStart> payment(Actor actor, String orderId);

  /**
   * Cancels the actor's own pending order once its payment was ended at the provider (ended says how, and goes into the
   * order's payment events); CONFLICT in any other state, or when a payment started meanwhile that was not ended.
   */
  Future<Order> cancel(Actor actor, String orderId, PaymentEnd ended);

  /** Remembers the payment started at a provider for the actor's pending order; CONFLICT if it is not pending. */
  Future<Order> begin(Actor actor, PaymentStart start);
}
