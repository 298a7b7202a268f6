package dev.gerbang.payment;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The providers' verified events: each is recorded with its verdict, and applied to its order (at most once, only
 * along the state machine, after the amount and currency check) in the same transaction as its audit row.
 */
@ProxyGen
@VertxGen
public interface PaymentEventService {
  String ADDRESS = "gerbang.payment.events";

  static PaymentEventService proxy(Vertx vertx) {
    return new PaymentEventServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Records the event and applies what it may; answers it with its verdict. */
  Future<PaymentEvent> record(PaymentEvent event);

  /** The events of one order, oldest first, for admins (support). */
  Future<PaymentEventList> ofOrder(Actor actor, String orderId);
}
