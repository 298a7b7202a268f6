package dev.gerbang.security;

import dev.gerbang.http.ClientInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.shareddata.LocalMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * At most a set number of open connections per client address on this node, so that one address cannot hold
 * every connection the server can serve (slow bodies, idle keep-alives, notification streams: all count). The
 * address is the TCP peer, as {@link ClientInfo} sees it before X-Forwarded-For; trusted proxies speak for many
 * clients and are not capped (the proxy must limit its clients). The counts live in a node-wide local map, shared
 * by every HTTP verticle of the node; a connection over the cap is closed before it is read.
 */
public final class ConnectionCap {
  private static final String MAP = "gerbang.connections.perClient";

  private final LocalMap<String, Integer> open;
  private final int max;
  private final Predicate<String> exempt;

  public ConnectionCap(Vertx vertx, int max, List<String> trustedProxies) {
    this.open = vertx.sharedData().getLocalMap(MAP);
    this.max = max;
    this.exempt = ClientInfo.trustedProxy(trustedProxies);
  }

  /**
   * For HttpServer.connectionHandler: counts the connection in and answers what to run when it closes; or, over
   * the cap, closes it and answers null (it took no place).
   */
  public Runnable admit(HttpConnection connection) {
    var peer = connection.remoteAddress();
    String address = peer == null ? null : peer.hostAddress();
    if (address == null || exempt.test(address)) {
      return () -> { };
    }
    if (open.merge(address, 1, Integer::sum) > max) {
      release(address);
      connection.close();
      return null;
    }
    return () -> release(address);
  }

  private void release(String address) {
    open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
  }
}
