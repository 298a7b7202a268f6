package dev.gerbang.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The profile fields a user changes: only those named change, and a named field with a null value is cleared. */
@DataObject
public final class ProfileChanges {
  /** A field of the profile, by its name in the API. */
  public enum Field {
    NAME("name"), USERNAME("username"), BIO("bio"), AVATAR_URL("avatarUrl"), LOCALE("locale");

    private final String key;

    Field(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  private final Map<Field, String> values;

  private ProfileChanges(Map<Field, String> values) {
    this.values = values;
  }

  public ProfileChanges(JsonObject json) {
    this(new EnumMap<>(Field.class));
    for (Field field : Field.values()) {
      if (json.containsKey(field.key())) {
        values.put(field, json.getString(field.key()));
      }
    }
  }

  /** No change yet. */
  public static ProfileChanges none() {
    return new ProfileChanges(new EnumMap<>(Field.class));
  }

  /** These changes and the field set to value (null clears it). */
  public ProfileChanges with(Field field, String value) {
    EnumMap<Field, String> copy = values.isEmpty() ? new EnumMap<>(Field.class) : new EnumMap<>(values);
    copy.put(field, value);
    return new ProfileChanges(copy);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    values.forEach((field, value) -> json.put(field.key(), value));
    return json;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public boolean has(Field field) {
    return values.containsKey(field);
  }

  /** The new value when the field changes, else the current one. */
  public String valueOr(Field field, String current) {
    return values.containsKey(field) ? values.get(field) : current;
  }

  public Set<Field> fields() {
    return Collections.unmodifiableSet(values.keySet());
  }
}
