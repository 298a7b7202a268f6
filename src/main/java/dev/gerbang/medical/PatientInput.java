package dev.gerbang.medical;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A patient profile to write: by its user (every field but the record number, which the server assigns), by an admin
 * creating one for a user (userId, and the record number when the admin gives one), or an admin's change (only the
 * fields it names; null clears an optional one).
 */
@DataObject
public final class PatientInput {
  /** The fields of a patient profile, with their names in the API. */
  public enum Field {
    DATE_OF_BIRTH("dateOfBirth"), SEX("sex"), PHONE("phone"), ADDRESS("address"), MEDICAL_RECORD_NUMBER("medicalRecordNumber");

    private final String json;

    Field(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }
  }

  private final String userId;
  private final NamedFields<Field> fields;

  public PatientInput(String userId, Map<Field, String> fields) {
    this.userId = userId;
    this.fields = new NamedFields<>(Field.class, fields, Field::json);
  }

  public PatientInput(JsonObject json) {
    this.userId = json.getString("userId");
    this.fields = NamedFields.fromJson(Field.class, json, Field::json);
  }

  public JsonObject toJson() {
    return fields.putInto(new JsonObject().put("userId", userId));
  }

  /** The user an admin creates the profile for; null otherwise. */
  public String userId() {
    return userId;
  }

  public String value(Field field) {
    return fields.value(field);
  }

  public String valueOr(Field field, String current) {
    return fields.valueOr(field, current);
  }

  public List<String> fieldNames() {
    return fields.names();
  }
}
