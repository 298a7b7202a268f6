package dev.gerbang.payment;

import io.vertx.core.Future;

/** A payment provider the browser is sent to: Midtrans Snap or Stripe Checkout. */
interface PaymentProvider {
  /** Its name in the API and the tables: midtrans, stripe. */
  String name();

  /** Whether its keys are configured. */
  boolean enabled();

  /** Starts the payment of a pending order at the provider: where the browser goes, and until when. */
  Future<PaymentStart> start(Order order);

  /**
   * Ends a started payment at the provider before its order is cancelled, so that its page can no longer be paid.
   * CONFLICT order-being-paid when the provider has the money already (the order must not be cancelled then), and
   * UNAVAILABLE when it cannot be asked now (nothing is changed; the user may try again). Safe to repeat.
   */
  Future<PaymentEnd> end(PaymentStart started);
}
