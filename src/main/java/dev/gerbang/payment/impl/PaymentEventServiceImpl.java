package dev.gerbang.payment.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.db.SqlErrors;
import dev.gerbang.failure.Failure;
import dev.gerbang.notify.Notices;
import dev.gerbang.payment.OrderStatus;
import dev.gerbang.payment.PaymentEvent;
import dev.gerbang.payment.PaymentEventList;
import dev.gerbang.payment.PaymentEventService;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class PaymentEventServiceImpl implements PaymentEventService {
  private static final Logger log = LoggerFactory.getLogger(PaymentEventServiceImpl.class);

  private final Pool pool;
  private final Sql sql;
  private final AuditLog audit;
  private final Transitions transitions;

  public PaymentEventServiceImpl(Database database, Transitions transitions) {
    this.pool = database.pool();
    this.sql = database.sql("payments");
    this.audit = new AuditLog(database);
    this.transitions = transitions;
  }

  @Override
  public Future<PaymentEvent> record(PaymentEvent event) {
    // Two deliveries of one event applied at once: the index lets one commit; the other, tried again, is a duplicate.
    return attempt(event).recover(failure -> SqlErrors.uniqueViolation(failure) == null ? Future.failedFuture(failure) : attempt(event));
  }

  private Future<PaymentEvent> attempt(PaymentEvent event) {
    Notices.Batch batch = transitions.batch();
    return pool.withTransaction(conn -> decide(conn, event, batch)).onSuccess(decided -> batch.delivered());
  }

  private Future<PaymentEvent> decide(SqlConnection conn, PaymentEvent event, Notices.Batch batch) {
    Actor actor = Actor.system(event.provider());
    return orderId(conn, event).compose(orderId -> conn.preparedQuery(sql.get("appliedEvent"))
        .execute(Tuple.of(event.provider(), event.eventId())).compose(applied -> {
          if (Rows.count(applied) > 0) {
            return Future.succeededFuture(new Verdict("duplicate", orderId, null));
          }
          if (orderId == null) {
            return Future.succeededFuture(new Verdict("unknown-order", null, null));
          }
          return conn.preparedQuery(sql.get("order")).execute(Tuple.of(orderId)).compose(rows -> {
            Row order = Rows.first(rows, r -> r);
            return order == null ? Future.succeededFuture(new Verdict("unknown-order", null, null)) : apply(conn, actor, event, order, batch);
          });
        }))
        .compose(verdict -> store(conn, actor, event, verdict));
  }

  /** What was decided, about which order, and the order's state the event found (null: no order). */
  private record Verdict(String verdict, String orderId, String found) {
  }

  private Future<String> orderId(SqlConnection conn, PaymentEvent event) {
    if (event.orderId() != null || event.paymentHandle() == null) {
      return Future.succeededFuture(event.orderId());
    }
    return conn.preparedQuery(sql.get("orderByPayment")).execute(Tuple.of(event.paymentHandle()))
        .map(rows -> Rows.first(rows, row -> row.getString("id")));
  }

  private Future<Verdict> apply(SqlConnection conn, Actor actor, PaymentEvent event, Row order, Notices.Batch batch) {
    String orderId = order.getString("id");
    OrderStatus found = OrderRows.status(order, System.currentTimeMillis());
    String provider = order.getString("provider");
    boolean otherProvider = provider != null && !provider.equals(event.provider());
    boolean wrongAmount = event.amount() != null && event.amount() != Rows.millis(order, "amount").longValue();
    boolean wrongCurrency = event.currency() != null
        && !event.currency().toUpperCase(Locale.ROOT).equals(order.getString("currency"));
    if (otherProvider || wrongAmount || wrongCurrency) {
      log.warn("payment event {} of {} refused: it does not match order {} (provider {}, amount {}, currency {})",
          event.eventId(), event.provider(), orderId, otherProvider ? "differs" : "matches", wrongAmount ? "differs" : "matches",
          wrongCurrency ? "differs" : "matches");
      return Future.succeededFuture(new Verdict("mismatch", orderId, found.id()));
    }
    if (superseded(event, order)) {
      return Future.succeededFuture(new Verdict("superseded", orderId, found.id()));
    }
    Future<?> handle = event.paymentHandle() == null ? Future.succeededFuture()
        : conn.preparedQuery(sql.get("paymentHandle")).execute(Tuple.of(event.paymentHandle(), orderId));
    if (event.target() == null) {
      // A Midtrans notification of a payment that its status API does not confirm (yet) moves nothing.
      String verdict = event.kind().startsWith("unconfirmed:") ? "unconfirmed" : "unchanged";
      return handle.map(new Verdict(verdict, orderId, found.id()));
    }
    JsonObject detail = new JsonObject().put("provider", event.provider()).put("eventId", event.eventId()).put("kind", event.kind());
    return handle.compose(done -> transitions.move(conn, actor, order, event.target(), detail, batch)).map(moved -> {
      if (moved) {
        return new Verdict("applied", orderId, found.id());
      }
      // A cancel expires the payment at the provider, which then reports the expiry: the order has ended either way.
      if (found == event.target() || (found == OrderStatus.CANCELLED && event.target() == OrderStatus.EXPIRED)) {
        return new Verdict("unchanged", orderId, found.id());
      }
      log.warn("payment event {} of {} refused: order {} may not go from {} to {}", event.eventId(), event.provider(), orderId,
          found.id(), event.target().id());
      return new Verdict("refused", orderId, found.id());
    });
  }

  /**
   * An expiry or failure of a payment page that is not the order's: the second of two starts at once (a double click),
   * created at the provider but never shown, since the order keeps the first. Its end ends nothing of the order's,
   * which may still be paid on its own page. A payment is never superseded: money on any page of the order counts.
   */
  private static boolean superseded(PaymentEvent event, Row order) {
    String page = order.getString("provider_ref");
    return event.reference() != null && page != null && !page.equals(event.reference())
        && (event.target() == OrderStatus.EXPIRED || event.target() == OrderStatus.FAILED);
  }

  /** The event's row and its audit row, in the transaction that applied it (or decided not to). */
  private Future<PaymentEvent> store(SqlConnection conn, Actor actor, PaymentEvent event, Verdict verdict) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    String detail = event.detail() == null ? null : event.detail().substring(0, Math.min(4000, event.detail().length()));
    JsonObject audited = new JsonObject().put("provider", event.provider()).put("eventId", event.eventId())
        .put("kind", event.kind()).put("orderId", verdict.orderId()).put("verdict", verdict.verdict())
        .put("orderStatus", verdict.found());
    String auditEvent = verdict.verdict().equals("mismatch") ? "payment_mismatch" : "payment_event";
    return conn.preparedQuery(sql.get("insertEvent")).execute(Tuple.of(id, event.provider(), event.eventId(), verdict.orderId(),
            event.kind(), verdict.verdict()).addString(detail).addLong(now))
        .compose(done -> audit.write(conn, actor, auditEvent, null, audited))
        .map(done -> event.decided(id, verdict.verdict(), Instant.ofEpochMilli(now).toString(), verdict.orderId()));
  }

  @Override
  public Future<PaymentEventList> ofOrder(Actor actor, String orderId) {
    if (!actor.hasRole(Roles.ADMIN)) {
      return Future.failedFuture(Failure.forbidden("detail.forbidden.payment_events"));
    }
    return pool.preparedQuery(sql.get("events")).execute(Tuple.of(orderId)).map(rows -> {
      List<PaymentEvent> events = new ArrayList<>();
      for (Row row : rows) {
        events.add(new PaymentEvent(new JsonObject().put("id", row.getString("id")).put("provider", row.getString("provider"))
            .put("eventId", row.getString("event_id")).put("orderId", row.getString("order_id")).put("kind", row.getString("kind"))
            .put("verdict", row.getString("verdict")).put("detail", row.getString("detail"))
            .put("receivedAt", Rows.iso(row, "received_at"))));
      }
      return new PaymentEventList(events);
    });
  }
}
