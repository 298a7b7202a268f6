package dev.gerbang.notify;

import java.util.Locale;

/**
 * Where an outbox message stands: waiting for its time (pending), claimed by a node that is sending it (sending),
 * accepted by the far end (sent), given up on (dead), or kept until its channel is configured (held).
 */
public enum OutboxStatus {
  PENDING, SENDING, SENT, DEAD, HELD;

  /** As stored and shown: "pending", "sent", ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OutboxStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
