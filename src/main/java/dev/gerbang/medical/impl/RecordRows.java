package dev.gerbang.medical.impl;

import dev.gerbang.db.Rows;
import dev.gerbang.medical.MedicalRecord;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** How a medical record row is shown: in a list (with who wrote it), or in detail (with more of both people). */
final class RecordRows {
  private RecordRows() {
  }

  /** A list's item, as the list pages it. */
  static JsonObject summary(Row row) {
    return record(row, false).toJson();
  }

  static MedicalRecord detail(Row row) {
    return record(row, true);
  }

  private static MedicalRecord record(Row row, boolean detail) {
    MedicalRecord.Patient patient = new MedicalRecord.Patient(row.getString("patient_id"), row.getString("patient_user_id"),
        row.getString("patient_name"), row.getString("medical_record_number"),
        detail ? row.getString("date_of_birth") : null, detail ? row.getString("sex") : null);
    MedicalRecord.Doctor doctor = new MedicalRecord.Doctor(row.getString("doctor_id"), row.getString("doctor_user_id"),
        row.getString("doctor_name"), row.getString("specialty"), detail ? row.getString("licence_number") : null);
    return new MedicalRecord(row.getString("id"), row.getString("visit_date"), row.getString("complaint"),
        row.getString("diagnosis"), row.getString("icd10_code"), row.getString("treatment"), row.getString("notes"),
        patient, doctor, Rows.iso(row, "created_at"), Rows.iso(row, "updated_at"));
  }
}
