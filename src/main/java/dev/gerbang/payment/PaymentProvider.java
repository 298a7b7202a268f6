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
}
