package dev.gerbang.payment.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notices;
import dev.gerbang.payment.Currencies;
import dev.gerbang.payment.OrderStatus;
import dev.gerbang.webhook.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * The one place where an order changes state, inside the caller's transaction: along the state machine only
 * ({@link OrderStatus#mayBecome}), from the state the row was read in (a conditional update, so that two deliveries
 * racing apply once), with its audit row, the receipt when it is paid, and the order.paid / order.refunded webhooks.
 */
public final class Transitions {
  private final Sql sql;
  private final AuditLog audit;
  private final Notices notices;
  private final Webhooks webhooks;

  public Transitions(Database database, Notices notices) {
    this.sql = database.sql("payments");
    this.audit = new AuditLog(database);
    this.notices = notices;
    this.webhooks = new Webhooks(database);
  }

  /**
   * Moves the order to target if the state machine allows it from its state as of now; false when it does not (or
   * a concurrent delivery moved it first). A pending order past its expiry is first written as expired.
   */
  public Future<Boolean> move(SqlConnection conn, Actor actor, Row order, OrderStatus target, JsonObject detail, Notices.Batch batch) {
    long now = System.currentTimeMillis();
    OrderStatus stored = OrderStatus.of(order.getString("status"));
    OrderStatus current = OrderRows.status(order, now);
    Future<Void> expired = stored == current ? Future.succeededFuture()
        : write(conn, actor, order, stored, current, new JsonObject().put("by", "expiry"), batch).mapEmpty();
    if (!current.mayBecome(target)) {
      return expired.map(false);
    }
    return expired.compose(done -> write(conn, actor, order, current, target, detail, batch));
  }

  private Future<Boolean> write(SqlConnection conn, Actor actor, Row order, OrderStatus from, OrderStatus to, JsonObject detail,
                                Notices.Batch batch) {
    long now = System.currentTimeMillis();
    String orderId = order.getString("id");
    Tuple update = Tuple.of(to.id(), now, to == OrderStatus.PAID ? now : null, orderId, from.id());
    return conn.preparedQuery(sql.get("transition")).execute(update).compose(rows -> {
      if (rows.rowCount() != 1) {
        return Future.succeededFuture(false);
      }
      JsonObject audited = detail.copy().put("orderId", orderId).put("from", from.id()).put("to", to.id());
      Future<Void> written = audit.write(conn, actor, "order_" + to.id(), order.getString("user_id"), audited);
      if (to == OrderStatus.PAID || to == OrderStatus.REFUNDED) {
        // Ids and the amount only: receivers fetch the rest through the API.
        JsonObject event = new JsonObject().put("orderId", orderId).put("userId", order.getString("user_id"))
            .put("amount", order.getLong("amount")).put("currency", order.getString("currency"));
        written = written.compose(done -> webhooks.emit(conn, "order." + to.id(), event))
            .compose(done -> to == OrderStatus.PAID ? receipt(conn, order, batch) : Future.succeededFuture());
      }
      return written.map(true);
    });
  }

  /** The receipt (inbox, email, push, as the buyer chose), queued in the transaction that marks the order paid. */
  private Future<Void> receipt(SqlConnection conn, Row order, Notices.Batch batch) {
    String userId = order.getString("user_id");
    if (userId == null) {
      return Future.succeededFuture();
    }
    String orderId = order.getString("id");
    return conn.preparedQuery(sql.get("items")).execute(Tuple.of(orderId)).compose(items -> {
      String currency = order.getString("currency");
      String locale = order.getString("user_locale");
      StringBuilder lines = new StringBuilder();
      for (Row item : items) {
        lines.append(item.getInteger("quantity")).append(" x ").append(item.getString("name")).append(" (")
            .append(money(Rows.millis(item, "unit_price"), currency, locale)).append(")\n");
      }
      String reference = orderId.substring(orderId.length() - 8);
      String amount = money(Rows.millis(order, "amount"), currency, locale);
      String path = "/orders/" + orderId;
      JsonObject variables = new JsonObject().put("reference", reference).put("amount", amount);
      JsonObject mail = new dev.gerbang.account.Mail(order.getString("user_email"), "payment-receipt", locale,
          variables.copy().put("name", order.getString("user_name")).put("lines", lines.toString().strip()).put("path", path)).toJson();
      return batch.add(conn, new Notices.Notice(NoticeType.PAYMENT_RECEIPT, userId, variables, path, mail));
    });
  }

  /** A new batch of notices for one transaction: call delivered() on it once that transaction committed. */
  public Notices.Batch batch() {
    return notices.batch();
  }

  /** 150000 IDR -> "Rp 150.000" in Indonesian, "IDR 150,000" in English; 1999 USD -> "USD 19.99". */
  static String money(long amount, String currency, String locale) {
    boolean indonesian = "id".equals(locale);
    NumberFormat number = NumberFormat.getNumberInstance(indonesian ? Locale.forLanguageTag("id-ID") : Locale.forLanguageTag("en-US"));
    int digits = Currencies.minorUnits(currency);
    number.setMinimumFractionDigits(digits);
    number.setMaximumFractionDigits(digits);
    String symbol = indonesian && currency.equals("IDR") ? "Rp" : currency;
    return symbol + " " + number.format(Currencies.decimal(amount, currency));
  }
}
