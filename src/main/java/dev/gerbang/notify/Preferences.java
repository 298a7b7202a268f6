package dev.gerbang.notify;

import dev.gerbang.http.Validator;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * The preferences document: {type: {inApp, email, push, emailRequired}} for every notice type, in a fixed
 * order. A PUT may name some types and, for each, some channels; the rest stays as it was.
 */
final class Preferences {
  private static final String[] CHANNELS = {"inApp", "email", "push"};

  private Preferences() {
  }

  static String[] typeIds() {
    return Arrays.stream(NoticeType.values()).map(NoticeType::id).toArray(String[]::new);
  }

  /** Every type: what the user chose, else its defaults; a security notice's email is always on. */
  static JsonObject view(JsonObject chosen) {
    JsonObject view = new JsonObject();
    for (NoticeType type : NoticeType.values()) {
      JsonObject choice = chosen.getJsonObject(type.id());
      NoticeType.Channels channels = type.effective(choice == null ? type.defaults()
          : new NoticeType.Channels(choice.getBoolean("inApp"), choice.getBoolean("email"), choice.getBoolean("push")));
      view.put(type.id(), new JsonObject().put("inApp", channels.inApp()).put("email", channels.email())
          .put("push", channels.push()).put("emailRequired", type.emailRequired()));
    }
    return view;
  }

  /** The changes in the body, field errors added to the validator ("comment.reply.push": must be true or false). */
  static JsonObject read(Validator v) {
    JsonObject changes = new JsonObject();
    for (NoticeType type : NoticeType.values()) {
      Object value = v.raw().getValue(type.id());
      if (value == null) {
        continue;
      }
      if (!(value instanceof JsonObject choice)) {
        v.add(type.id(), "must be an object such as {\"email\": false}");
        continue;
      }
      JsonObject change = new JsonObject();
      for (String field : choice.fieldNames()) {
        Object flag = choice.getValue(field);
        if (!Arrays.asList(CHANNELS).contains(field)) {
          v.add(type.id() + "." + field, "is not a channel: use inApp, email or push");
        } else if (!(flag instanceof Boolean on)) {
          v.add(type.id() + "." + field, "must be true or false");
        } else if (field.equals("email") && !on && type.emailRequired()) {
          v.add(type.id() + ".email", "cannot be turned off: security notices always go by email", "security_notice");
        } else {
          change.put(field, on);
        }
      }
      changes.put(type.id(), change);
    }
    return changes;
  }

  /** The complete choice of every type named so far or now: {type: {inApp, email, push}}. */
  static JsonObject merge(JsonObject chosen, JsonObject changes) {
    JsonObject view = view(chosen);
    JsonObject merged = new JsonObject();
    for (NoticeType type : NoticeType.values()) {
      if (!chosen.containsKey(type.id()) && !changes.containsKey(type.id())) {
        continue;
      }
      JsonObject current = view.getJsonObject(type.id()).copy();
      current.remove("emailRequired");
      merged.put(type.id(), current.mergeIn(changes.getJsonObject(type.id(), new JsonObject())));
    }
    return merged;
  }
}
