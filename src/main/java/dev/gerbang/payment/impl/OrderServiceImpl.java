package dev.gerbang.payment.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.db.SqlErrors;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import dev.gerbang.payment.Order;
import dev.gerbang.payment.OrderInput;
import dev.gerbang.payment.OrderPage;
import dev.gerbang.payment.OrderService;
import dev.gerbang.payment.OrderStatus;
import dev.gerbang.payment.PaymentEnd;
import dev.gerbang.payment.PaymentStart;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

public final class OrderServiceImpl implements OrderService {
  private static final String NO_SUCH_ORDER = "detail.not_found.order";

  private final Pool pool;
  private final Sql sql;
  private final Pager pager;
  private final AuditLog audit;
  private final Transitions transitions;
  private final EndedPayments endedPayments;
  private final long ttlMillis;

  public OrderServiceImpl(Database database, Transitions transitions, int orderTtlMinutes) {
    this.pool = database.pool();
    this.sql = database.sql("payments");
    this.pager = database.pager();
    this.audit = new AuditLog(database);
    this.transitions = transitions;
    this.endedPayments = new EndedPayments(database);
    this.ttlMillis = orderTtlMinutes * 60_000L;
  }

  @Override
  public Future<Order> place(Actor actor, OrderInput order) {
    return existing(actor, order).compose(found -> found != null ? read(actor, found)
        : pool.withTransaction(conn -> insert(conn, actor, order))
            // Two requests with one key at once: the second one's insert hits the unique index; answer the first's order.
            .recover(failure -> SqlErrors.uniqueViolation(failure) == null || order.idempotencyKey() == null
                ? Future.failedFuture(failure)
                : existing(actor, order).compose(id -> id == null ? Future.failedFuture(failure) : read(actor, id))));
  }

  /** The id of the order placed before with this Idempotency-Key (null: none); CONFLICT if it came with another body. */
  private Future<String> existing(Actor actor, OrderInput order) {
    if (order.idempotencyKey() == null) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery(sql.get("orderByIdempotencyKey")).execute(Tuple.of(actor.userId(), order.idempotencyKey()))
        .compose(rows -> {
          Row row = Rows.first(rows, r -> r);
          if (row == null) {
            return Future.succeededFuture(null);
          }
          return row.getString("request_hash").equals(order.requestHash()) ? Future.succeededFuture(row.getString("id"))
              : Future.failedFuture(Failure.conflict("idempotency-key-reused",
                  "detail.conflict.order_idempotency_key_reused", null));
        });
  }

  private Future<Order> insert(SqlConnection conn, Actor actor, OrderInput order) {
    List<Row> products = new ArrayList<>();
    Future<?> chain = Future.succeededFuture();
    for (OrderInput.Line line : order.lines()) {
      chain = chain.compose(done -> conn.preparedQuery(sql.get("product")).execute(Tuple.of(line.productId()))
          .onSuccess(rows -> products.add(Rows.first(rows, r -> r))));
    }
    return chain.compose(loaded -> {
      List<FieldError> errors = new ArrayList<>();
      String currency = null;
      long amount = 0;
      for (int i = 0; i < products.size(); i++) {
        Row product = products.get(i);
        if (product == null || !Rows.bool(product, "active")) {
          errors.add(new FieldError("items[" + i + "].productId", "field.not_on_sale"));
          continue;
        }
        if (currency != null && !currency.equals(product.getString("currency"))) {
          errors.add(new FieldError("items[" + i + "].productId", "field.other_currency"));
        }
        currency = product.getString("currency");
        try {
          amount = Math.addExact(amount, Math.multiplyExact(Rows.millis(product, "price"), order.lines().get(i).quantity()));
        } catch (ArithmeticException e) {
          errors.add(new FieldError("items", "field.total_too_large"));
        }
      }
      if (!errors.isEmpty()) {
        return Future.failedFuture(Failure.invalid(errors));
      }
      String id = Ids.newId();
      long now = System.currentTimeMillis();
      Future<?> writes = conn.preparedQuery(sql.get("insertOrder")).execute(Tuple.of(id, actor.userId(), amount, currency,
          order.idempotencyKey(), order.requestHash()).addLong(now).addLong(now).addLong(now + ttlMillis));
      for (int i = 0; i < products.size(); i++) {
        Row product = products.get(i);
        Tuple item = Tuple.of(id, i + 1, product.getString("id"), product.getString("name"), Rows.millis(product, "price"),
            order.lines().get(i).quantity());
        writes = writes.compose(done -> conn.preparedQuery(sql.get("insertItem")).execute(item));
      }
      JsonObject detail = new JsonObject().put("orderId", id).put("amount", amount).put("currency", currency);
      return writes.compose(done -> audit.write(conn, actor, "order_placed", actor.userId(), detail))
          .compose(done -> load(conn, actor, id));
    });
  }

  @Override
  public Future<OrderPage> mine(Actor actor, JsonObject query) {
    long now = System.currentTimeMillis();
    return pager.page(Keyset.newestFirst("orders.mine"), sql, "mine", "mineCount", Tuple.of(actor.userId()),
            query.getString("cursor"), query.getInteger("limit", 20), row -> OrderRows.order(row, now))
        .map(page -> new OrderPage(page.items(), page.nextCursor(), page.total()));
  }

  @Override
  public Future<OrderPage> search(Actor actor, JsonObject query) {
    if (!actor.hasRole(Roles.ADMIN)) {
      return Future.failedFuture(Failure.forbidden("detail.forbidden.all_orders"));
    }
    long now = System.currentTimeMillis();
    String status = query.getString("status", "");
    String user = query.getString("userId", "");
    String provider = query.getString("provider", "");
    Tuple filters = Tuple.of(status, now, status, user, user, provider).addString(provider)
        .addLong(query.getLong("from", 0L)).addLong(query.getLong("to", Long.MAX_VALUE));
    return pager.page(Keyset.newestFirst("orders.search"), sql, "search", "searchCount", filters, query.getString("cursor"),
            query.getInteger("limit", 20), row -> OrderRows.order(row, now))
        .map(page -> new OrderPage(page.items(), page.nextCursor(), page.total()));
  }

  @Override
  public Future<Order> read(Actor actor, String orderId) {
    return load(pool, actor, orderId);
  }

  /** The order with its lines if the actor may see it; NOT_FOUND otherwise (someone else's order does not exist for them). */
  private Future<Order> load(SqlClient client, Actor actor, String orderId) {
    return client.preparedQuery(sql.get("order")).execute(Tuple.of(orderId)).compose(rows -> {
      Row row = Rows.first(rows, r -> r);
      boolean own = row != null && actor.userId() != null && actor.userId().equals(row.getString("user_id"));
      if (row == null || !(own || actor.hasRole(Roles.ADMIN))) {
        return Future.failedFuture(Failure.notFound(NO_SUCH_ORDER));
      }
      return client.preparedQuery(sql.get("items")).execute(Tuple.of(orderId))
          .map(items -> OrderRows.withItems(row, items, System.currentTimeMillis()));
    });
  }

  @Override
  public Future<PaymentStart> payment(Actor actor, String orderId) {
    // Not pending: there is nothing to end, and the cancel itself refuses (writing an expiry it finds on the way).
    return pool.withConnection(conn -> own(conn, actor, orderId)).map(row -> row.getString("provider") == null
        || OrderRows.status(row, System.currentTimeMillis()) != OrderStatus.PENDING ? null
        : new PaymentStart(orderId, row.getString("provider"), row.getString("provider_ref"), row.getString("redirect_url"),
            Rows.millis(row, "expires_at")));
  }

  @Override
  public Future<Order> cancel(Actor actor, String orderId, PaymentEnd ended) {
    // A cancelled order is never paid: no receipt can come of it, so its batch stays empty.
    // The refusal comes after the commit: an order found expired on the way is written as expired all the same.
    return pool.withTransaction(conn -> own(conn, actor, orderId).compose(row -> {
      OrderStatus found = OrderRows.status(row, System.currentTimeMillis());
      if (found == OrderStatus.PENDING && !endedAtItsProvider(row, ended)) {
        // A payment was started between our look at the order and now: its page is payable, so the order stays.
        return Future.failedFuture(Failure.conflict("payment-started-meanwhile", "detail.conflict.payment_started_meanwhile", null));
      }
      JsonObject detail = new JsonObject().put("by", "user");
      if (ended.provider() != null) {
        detail.put("provider", ended.provider()).put("providerPayment", ended.outcome());
      }
      return transitions.move(conn, actor, row, OrderStatus.CANCELLED, detail, transitions.batch())
          .compose(moved -> ended.provider() == null ? Future.succeededFuture(moved)
              : endedPayments.record(conn, actor, ended, moved, found.id()).map(moved));
    }))
        .compose(moved -> moved ? read(actor, orderId)
            : Future.failedFuture(Failure.conflict("order-not-pending", "detail.conflict.order_not_pending.cancel", null)));
  }

  /** Whether the payment the order has (if any) is the one its provider was asked to end. */
  private static boolean endedAtItsProvider(Row row, PaymentEnd ended) {
    return Objects.equals(row.getString("provider"), ended.provider()) && Objects.equals(row.getString("provider_ref"), ended.reference());
  }

  @Override
  public Future<Order> begin(Actor actor, PaymentStart start) {
    return pool.withTransaction(conn -> own(conn, actor, start.orderId()).compose(row -> {
      if (OrderRows.status(row, System.currentTimeMillis()) != OrderStatus.PENDING) {
        return Future.failedFuture(Failure.conflict("order-not-pending", "detail.conflict.order_not_pending.pay", null));
      }
      long now = System.currentTimeMillis();
      long expiresAt = Math.max(Rows.millis(row, "expires_at"), start.expiresAt());
      return conn.preparedQuery(sql.get("begin")).execute(Tuple.of(start.provider(), start.reference(), start.redirectUrl(),
              expiresAt, now, start.orderId()))
          .compose(updated -> updated.rowCount() == 1
              ? audit.write(conn, actor, "payment_started", actor.userId(), new JsonObject().put("orderId", start.orderId())
                  .put("provider", start.provider())).compose(done -> load(conn, actor, start.orderId()))
              // Another request started one first (a double click): the order keeps that payment, and both answer it.
              : load(conn, actor, start.orderId()).compose(order -> start.provider().equals(order.provider())
                  && order.redirectUrl() != null ? Future.succeededFuture(order)
                  : Future.failedFuture(Failure.conflict("payment-started-elsewhere", "detail.conflict.payment_started_elsewhere",
                      null))));
    }));
  }

  /** The row of the actor's own order (admins included: they act on orders only through the providers' events). */
  private Future<Row> own(SqlConnection conn, Actor actor, String orderId) {
    return conn.preparedQuery(sql.get("order")).execute(Tuple.of(orderId)).compose(rows -> {
      Row row = Rows.first(rows, r -> r);
      return row == null || actor.userId() == null || !actor.userId().equals(row.getString("user_id"))
          ? Future.failedFuture(Failure.notFound(NO_SUCH_ORDER)) : Future.succeededFuture(row);
    });
  }
}
