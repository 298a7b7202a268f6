package dev.gerbang.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An order to place: the products and how many of each (never a price: the catalogue has it), and the client's
 * Idempotency-Key (null: none) with a hash of the body it came with.
 */
@DataObject
public final class OrderInput {
  /** One line: a product of the catalogue and a quantity. */
  public record Line(String productId, int quantity) {
  }

  private final List<Line> lines;
  private final String idempotencyKey;
  private final String requestHash;

  public OrderInput(List<Line> lines, String idempotencyKey, String requestHash) {
    this.lines = List.copyOf(lines);
    this.idempotencyKey = idempotencyKey;
    this.requestHash = requestHash;
  }

  public OrderInput(JsonObject json) {
    this(json.getJsonArray("items", new JsonArray()).stream().map(item -> (JsonObject) item)
            .map(item -> new Line(item.getString("productId"), item.getInteger("quantity"))).toList(),
        json.getString("idempotencyKey"), json.getString("requestHash"));
  }

  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    lines.forEach(line -> items.add(new JsonObject().put("productId", line.productId()).put("quantity", line.quantity())));
    return new JsonObject().put("items", items).put("idempotencyKey", idempotencyKey).put("requestHash", requestHash);
  }

  public List<Line> lines() {
    return lines;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }

  public String requestHash() {
    return requestHash;
  }
}
