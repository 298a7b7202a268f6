package dev.gerbang.medical;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A medical record to write. To create one: the patient, the doctor (null: the caller's own doctor profile) and
 * every field (null for an optional one left out). To change one: only the fields the change names (null clears an
 * optional one); the patient and doctor stay null.
 */
@DataObject
public final class RecordInput {
  /** The fields of a record that a doctor writes, with their names in the API. */
  public enum Field {
    VISIT_DATE("visitDate"), COMPLAINT("complaint"), DIAGNOSIS("diagnosis"), ICD10_CODE("icd10Code"),
    TREATMENT("treatment"), NOTES("notes");

    private final String json;

    Field(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }
  }

  private final String patientId;
  private final String doctorId;
  private final NamedFields<Field> fields;

  public RecordInput(String patientId, String doctorId, Map<Field, String> fields) {
    this.patientId = patientId;
    this.doctorId = doctorId;
    this.fields = new NamedFields<>(Field.class, fields, Field::json);
  }

  public RecordInput(JsonObject json) {
    this.patientId = json.getString("patientId");
    this.doctorId = json.getString("doctorId");
    this.fields = NamedFields.fromJson(Field.class, json, Field::json);
  }

  public JsonObject toJson() {
    return fields.putInto(new JsonObject().put("patientId", patientId).put("doctorId", doctorId));
  }

  public String patientId() {
    return patientId;
  }

  public String doctorId() {
    return doctorId;
  }

  /** The value given for the field; null when it is not named, or named to be cleared. */
  public String value(Field field) {
    return fields.value(field);
  }

  /** The value given for the field, or current when a change leaves it as it is. */
  public String valueOr(Field field, String current) {
    return fields.valueOr(field, current);
  }

  /** The API names of the fields named, sorted (for the audit trail: names, never values). */
  public List<String> fieldNames() {
    return fields.names();
  }
}
