package dev.gerbang.payment;

import dev.gerbang.TestServer;

/**
 * What the payment tests start from: the providers' stand-in, a server configured for it, and a buyer's pending order
 * of 2 x Kopi Luwak at IDR 150,000 (IDR 300,000).
 */
record PendingOrder(ProviderStandIn providers, TestServer server, Shop shop, String user, String orderId) implements AutoCloseable {

  static PendingOrder start() {
    ProviderStandIn providers = new ProviderStandIn();
    TestServer server = TestServer.start(providers.config());
    Shop shop = new Shop(server);
    String user = server.newSession().getString("accessToken");
    String orderId = shop.order(user, shop.product("Kopi Luwak", 150_000, "IDR"), 2).getString("id");
    return new PendingOrder(providers, server, shop, user, orderId);
  }

  @Override
  public void close() {
    server.close();
    providers.close();
  }
}
