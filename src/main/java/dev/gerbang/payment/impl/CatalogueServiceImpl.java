package dev.gerbang.payment.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.failure.Failure;
import dev.gerbang.payment.CatalogueService;
import dev.gerbang.payment.Product;
import dev.gerbang.payment.ProductInput;
import dev.gerbang.payment.ProductList;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

public final class CatalogueServiceImpl implements CatalogueService {
  private final Pool pool;
  private final Sql sql;
  private final AuditLog audit;

  public CatalogueServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("payments");
    this.audit = new AuditLog(database);
  }

  @Override
  public Future<ProductList> list(boolean all) {
    return pool.preparedQuery(sql.get("products")).execute(Tuple.of(all ? "all" : "active")).map(rows -> {
      List<Product> products = new ArrayList<>();
      rows.forEach(row -> products.add(OrderRows.product(row)));
      return new ProductList(products);
    });
  }

  @Override
  public Future<Product> create(Actor actor, ProductInput product) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("insertProduct"))
        .execute(Tuple.of(id, product.name(), product.description(), product.price(), product.currency(),
            product.active() == null || product.active()).addLong(now).addLong(now))
        .compose(done -> audit.write(conn, actor, "product_created", null, new JsonObject().put("productId", id)
            .put("price", product.price()).put("currency", product.currency())))
        .compose(done -> find(conn, id)));
  }

  @Override
  public Future<Product> update(Actor actor, String productId, ProductInput changes) {
    return pool.withTransaction(conn -> find(conn, productId).compose(current -> {
      Tuple row = Tuple.of(or(changes.name(), current.name()), or(changes.description(), current.toJson().getString("description")),
          or(changes.price(), current.price()), or(changes.currency(), current.currency()), or(changes.active(), current.active()))
          .addLong(System.currentTimeMillis()).addString(productId);
      JsonObject detail = new JsonObject().put("productId", productId).put("changes", changes.toJson());
      return conn.preparedQuery(sql.get("updateProduct")).execute(row)
          .compose(done -> audit.write(conn, actor, "product_updated", null, detail))
          .compose(done -> find(conn, productId));
    }));
  }

  private static <T> T or(T value, T current) {
    return value == null ? current : value;
  }

  private Future<Product> find(SqlConnection conn, String id) {
    return conn.preparedQuery(sql.get("product")).execute(Tuple.of(id)).compose(rows -> {
      Row row = Rows.first(rows, r -> r);
      return row == null ? Future.failedFuture(Failure.notFound("detail.not_found.product")) : Future.succeededFuture(OrderRows.product(row));
    });
  }
}
