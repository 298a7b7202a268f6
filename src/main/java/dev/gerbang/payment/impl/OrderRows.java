package dev.gerbang.payment.impl;

import dev.gerbang.db.Rows;
import dev.gerbang.payment.Currencies;
import dev.gerbang.payment.Order;
import dev.gerbang.payment.OrderStatus;
import dev.gerbang.payment.Product;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/** Rows of the payment tables as the API shows them. */
final class OrderRows {
  private OrderRows() {
  }

  /** The state as of now: a pending order past its expiry is expired, whether or not the row says so yet. */
  static OrderStatus status(Row row, long now) {
    OrderStatus stored = OrderStatus.of(row.getString("status"));
    return stored == OrderStatus.PENDING && Rows.millis(row, "expires_at") <= now ? OrderStatus.EXPIRED : stored;
  }

  static Order order(Row row, long now) {
    String currency = row.getString("currency");
    return new Order(new JsonObject()
        .put("id", row.getString("id"))
        .put("userId", row.getString("user_id"))
        .put("userEmail", row.getString("user_email"))
        .put("status", status(row, now).id())
        .put("amount", Rows.millis(row, "amount"))
        .put("currency", currency)
        .put("minorUnits", Currencies.minorUnits(currency))
        .put("provider", row.getString("provider"))
        .put("redirectUrl", row.getString("redirect_url"))
        .put("createdAt", Rows.iso(row, "created_at"))
        .put("updatedAt", Rows.iso(row, "updated_at"))
        .put("expiresAt", Rows.iso(row, "expires_at"))
        .put("paidAt", Rows.iso(row, "paid_at")));
  }

  static Order withItems(Row row, RowSet<Row> items, long now) {
    JsonArray lines = new JsonArray();
    for (Row item : items) {
      lines.add(new JsonObject().put("productId", item.getString("product_id")).put("name", item.getString("name"))
          .put("unitPrice", Rows.millis(item, "unit_price")).put("quantity", item.getInteger("quantity")));
    }
    return new Order(order(row, now).toJson().put("items", lines));
  }

  static Product product(Row row) {
    return new Product(row.getString("id"), row.getString("name"), row.getString("description"), Rows.millis(row, "price"),
        row.getString("currency"), Rows.bool(row, "active"), Rows.iso(row, "created_at"), Rows.iso(row, "updated_at"));
  }
}
