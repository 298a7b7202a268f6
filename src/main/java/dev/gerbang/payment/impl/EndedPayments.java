package dev.gerbang.payment.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Sql;
import dev.gerbang.payment.PaymentEnd;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * A cancel's end of the order's payment at its provider, kept among the order's payment events (with the provider's
 * answer as received, as notifications are) and audited, in the cancel's transaction. Its event id is
 * cancel:{order id} and its kind cancel:{outcome}: support reads it beside the provider's own events.
 */
final class EndedPayments {
  private final Sql sql;
  private final AuditLog audit;

  EndedPayments(Database database) {
    this.sql = database.sql("payments");
    this.audit = new AuditLog(database);
  }

  /** Records the end; verdict applied when the order was cancelled by it, unchanged when the order had ended already. */
  Future<Void> record(SqlConnection conn, Actor actor, PaymentEnd ended, boolean cancelled, String orderStatus) {
    String eventId = "cancel:" + ended.orderId();
    String kind = "cancel:" + ended.outcome();
    String verdict = cancelled ? "applied" : "unchanged";
    String answer = ended.answer() == null ? null : ended.answer().substring(0, Math.min(4000, ended.answer().length()));
    JsonObject audited = new JsonObject().put("provider", ended.provider()).put("eventId", eventId).put("kind", kind)
        .put("orderId", ended.orderId()).put("verdict", verdict).put("orderStatus", orderStatus);
    return conn.preparedQuery(sql.get("insertEvent")).execute(Tuple.of(Ids.newId(), ended.provider(), eventId, ended.orderId(), kind,
            verdict).addString(answer).addLong(System.currentTimeMillis()))
        .compose(done -> audit.write(conn, actor, "payment_event", null, audited));
  }
}
