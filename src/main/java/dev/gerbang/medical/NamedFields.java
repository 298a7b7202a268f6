package dev.gerbang.medical;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields an input names, keyed by its enum of fields: a POST or a PUT names every one (null for an optional one
 * left out), a PATCH only those it changes (null clears an optional one). The inputs' JSON carries exactly the
 * fields named, so a change keeps telling "set to null" from "left as it is".
 */
final class NamedFields<F extends Enum<F>> {
  private final Map<F, String> values;
  private final Function<F, String> jsonName;

  NamedFields(Class<F> type, Map<F, String> values, Function<F, String> jsonName) {
    EnumMap<F, String> copy = new EnumMap<>(type);
    copy.putAll(values);
    this.values = Collections.unmodifiableMap(copy);
    this.jsonName = jsonName;
  }

  /** The fields of the enum that the JSON holds (a null value included). */
  static <F extends Enum<F>> NamedFields<F> fromJson(Class<F> type, JsonObject json, Function<F, String> jsonName) {
    Map<F, String> values = new EnumMap<>(type);
    for (F field : type.getEnumConstants()) {
      if (json.containsKey(jsonName.apply(field))) {
        values.put(field, json.getString(jsonName.apply(field)));
      }
    }
    return new NamedFields<>(type, values, jsonName);
  }

  /** The value named, or null when the field is not named (or named null). */
  String value(F field) {
    return values.get(field);
  }

  /** The value named, or current when the field is not named: what a change leaves in place. */
  String valueOr(F field, String current) {
    return values.containsKey(field) ? values.get(field) : current;
  }

  /** The JSON names of the fields named, sorted: what the audit trail records of a change (never the values). */
  List<String> names() {
    return values.keySet().stream().map(jsonName).sorted().toList();
  }

  JsonObject putInto(JsonObject json) {
    values.forEach((field, value) -> json.put(jsonName.apply(field), value));
    return json;
  }
}
