package dev.gerbang.medical;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Medical records, on the event bus. Every method takes the caller, {userId, roles:[...]}, and decides
 * what the caller may see next to the query that loads it: a missing record fails with 404, a record the
 * caller may not see with 403 (with no detail of the record).
 */
@ProxyGen
@VertxGen
public interface MedicalRecordService {
  String ADDRESS = "gerbang.medical.records";

  static MedicalRecordService proxy(Vertx vertx) {
    return new MedicalRecordServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The records the caller may list: {q, patientId, doctorId, from, to (dates), limit, cursor} -> a page. */
  Future<JsonObject> list(JsonObject caller, JsonObject query);

  /** One record in detail with its patient and doctor; 404 when missing, 403 when not the caller's to see. */
  Future<JsonObject> read(JsonObject caller, String recordId);

  /** Writes a record {patientId, doctorId?, visitDate, complaint, diagnosis, icd10Code?, treatment?, notes?}. */
  Future<JsonObject> create(JsonObject caller, JsonObject record);

  /** The ids of a record to write (patientId, doctorId; null ones skipped) that name no such profile: [{field, message}]. */
  Future<JsonArray> unknownReferences(JsonObject record);

  /** Changes the fields present (null clears an optional one); only the record's doctor or an admin. */
  Future<JsonObject> update(JsonObject caller, String recordId, JsonObject changes);

  /** Soft-deletes the record (kept for the audit trail); answers the deleted record. */
  Future<JsonObject> delete(JsonObject caller, String recordId);
}
