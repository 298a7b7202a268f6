package dev.gerbang.medical.impl;

import dev.gerbang.db.Rows;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** How a medical record row is shown: in a list (with who wrote it), or in detail (with more of both people). */
final class RecordRows {
  private RecordRows() {
  }

  static JsonObject summary(Row row) {
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("visitDate", row.getString("visit_date"))
        .put("complaint", row.getString("complaint"))
        .put("diagnosis", row.getString("diagnosis"))
        .put("icd10Code", row.getString("icd10_code"))
        .put("treatment", row.getString("treatment"))
        .put("notes", row.getString("notes"))
        .put("patient", new JsonObject()
            .put("id", row.getString("patient_id"))
            .put("userId", row.getString("patient_user_id"))
            .put("name", row.getString("patient_name"))
            .put("medicalRecordNumber", row.getString("medical_record_number")))
        .put("doctor", new JsonObject()
            .put("id", row.getString("doctor_id"))
            .put("userId", row.getString("doctor_user_id"))
            .put("name", row.getString("doctor_name"))
            .put("specialty", row.getString("specialty")))
        .put("createdAt", Rows.iso(row, "created_at"))
        .put("updatedAt", Rows.iso(row, "updated_at"));
  }

  static JsonObject detail(Row row) {
    JsonObject record = summary(row);
    record.getJsonObject("patient")
        .put("dateOfBirth", row.getString("date_of_birth"))
        .put("sex", row.getString("sex"));
    record.getJsonObject("doctor").put("licenceNumber", row.getString("licence_number"));
    return record;
  }
}
