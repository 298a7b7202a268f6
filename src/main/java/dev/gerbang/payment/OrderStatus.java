package dev.gerbang.payment;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An order's states and the only moves between them: pending -> paid | expired | failed | cancelled, and
 * paid -> refunded. Every other move (a late "expired" after "paid", a "paid" after "cancelled") is refused and
 * recorded, never applied: providers deliver late, twice and out of order.
 */
public enum OrderStatus {
  PENDING, PAID, EXPIRED, FAILED, CANCELLED, REFUNDED;

  private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
      PENDING, Set.of(PAID, EXPIRED, FAILED, CANCELLED),
      PAID, Set.of(REFUNDED));

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OrderStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  public static boolean known(String id) {
    for (OrderStatus status : values()) {
      if (status.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  public boolean mayBecome(OrderStatus next) {
    return ALLOWED.getOrDefault(this, Set.of()).contains(next);
  }
}
