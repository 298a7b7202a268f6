package dev.gerbang.payment;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The catalogue the users order from, kept by the admins; every change is audited in its transaction. */
@ProxyGen
@VertxGen
public interface CatalogueService {
  String ADDRESS = "gerbang.payment.catalogue";

  static CatalogueService proxy(Vertx vertx) {
    return new CatalogueServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The products by name: the active ones, or (all) every one. */
  Future<ProductList> list(boolean all);

  /** Adds a product (every field of the input set). */
  Future<Product> create(Actor actor, ProductInput product);

  /** Changes the fields the input names; NOT_FOUND for no such product. */
  Future<Product> update(Actor actor, String productId, ProductInput changes);
}
