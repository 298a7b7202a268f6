package dev.gerbang.medical;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A doctor profile to write: by its user, by an admin creating one for a user (userId), or an admin's change (only
 * the fields it names).
 */
@DataObject
public final class DoctorInput {
  /** The fields of a doctor profile, with their names in the API. */
  public enum Field {
    SPECIALTY("specialty"), LICENCE_NUMBER("licenceNumber");

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

  public DoctorInput(String userId, Map<Field, String> fields) {
    this.userId = userId;
    this.fields = new NamedFields<>(Field.class, fields, Field::json);
  }

  public DoctorInput(JsonObject json) {
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
