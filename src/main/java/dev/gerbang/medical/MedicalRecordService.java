package dev.gerbang.medical;

import dev.gerbang.audit.Actor;
import dev.gerbang.failure.FieldError;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Medical records, on the event bus. Every method takes the actor (who asks, with the roles they hold now) and
 * decides what they may see next to the query that loads it: a missing record fails with NOT_FOUND, a record the
 * actor may not see with FORBIDDEN (with no detail of the record). Reads of someone else's records, refusals and
 * changes are written to the audit trail in the service's own transactions, before the answer.
 */
@ProxyGen
@VertxGen
public interface MedicalRecordService {
  String ADDRESS = "gerbang.medical.records";

  static MedicalRecordService proxy(Vertx vertx) {
    return new MedicalRecordServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The records the actor may list: {q, patientId, doctorId, from, to (dates), limit, cursor}; audited when a page holds someone else's. */
  Future<MedicalRecordPage> list(Actor actor, JsonObject query);

  /** One record in detail with its patient and doctor; a read of someone else's record is audited before it is answered. */
  Future<MedicalRecord> read(Actor actor, String recordId);

  /** Writes a record (a doctor in their own name, an admin naming the doctor), audited and told to the patient. */
  Future<MedicalRecord> create(Actor actor, RecordInput record);

  /** The ids of a record to write (patientId, doctorId; null ones skipped) that name no such profile. */
  Future<List<FieldError>> unknownReferences(RecordInput record);

  /** Changes the fields the input names (null clears an optional one); only the record's doctor or an admin. */
  Future<MedicalRecord> update(Actor actor, String recordId, RecordInput changes);

  /** Soft-deletes the record (the row stays for the audit trail); only an admin. */
  Future<Void> delete(Actor actor, String recordId);
}
