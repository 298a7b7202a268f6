package dev.gerbang.payment;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ISO 4217 currencies the catalogue may price in, with their minor units as this app counts them. IDR counts
 * whole rupiah (0), as Midtrans' gross_amount does. Stripe counts some currencies differently from ISO (IDR in
 * hundredths): {@link #toStripe} and {@link #fromStripe} convert.
 */
public final class Currencies {
  private static final Map<String, Integer> MINOR_UNITS = Map.ofEntries(
      Map.entry("IDR", 0), Map.entry("USD", 2), Map.entry("EUR", 2), Map.entry("GBP", 2), Map.entry("SGD", 2),
      Map.entry("MYR", 2), Map.entry("AUD", 2), Map.entry("JPY", 0), Map.entry("THB", 2), Map.entry("PHP", 2));
  /** Stripe's zero-decimal currencies among ours; every other one is two-decimal at Stripe. */
  private static final Set<String> STRIPE_ZERO_DECIMAL = Set.of("JPY");

  private Currencies() {
  }

  public static boolean known(String code) {
    return code != null && MINOR_UNITS.containsKey(code);
  }

  public static Set<String> codes() {
    return new TreeSet<>(MINOR_UNITS.keySet());
  }

  public static int minorUnits(String code) {
    return MINOR_UNITS.get(code);
  }

  /** The amount as a decimal in major units: 150000 IDR -> 150000, 1999 USD -> 19.99. */
  public static BigDecimal decimal(long amount, String code) {
    return BigDecimal.valueOf(amount, minorUnits(code));
  }

  private static long stripeFactor(String code) {
    int stripeUnits = STRIPE_ZERO_DECIMAL.contains(code) ? 0 : 2;
    return (long) Math.pow(10, stripeUnits - minorUnits(code));
  }

  /** The amount in Stripe's unit_amount for the currency. */
  public static long toStripe(long amount, String code) {
    return amount * stripeFactor(code);
  }

  /** Stripe's amount back in ours; null when it is not a whole amount of ours. */
  public static Long fromStripe(long stripeAmount, String code) {
    long factor = stripeFactor(code);
    return stripeAmount % factor == 0 ? stripeAmount / factor : null;
  }
}
