package dev.gerbang.notify;

import java.util.Locale;

/** Where a broadcast stands: waiting for a node (queued), being fanned out (running), or reached everyone (done). */
public enum BroadcastStatus {
  QUEUED, RUNNING, DONE;

  /** As stored and shown: "queued", "running", "done". */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BroadcastStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
