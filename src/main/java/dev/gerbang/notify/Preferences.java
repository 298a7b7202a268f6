package dev.gerbang.notify;

import dev.gerbang.http.Validator;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

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
  static JsonObject view(NotificationPreferences chosen) {
    JsonObject view = new JsonObject();
    for (NoticeType type : NoticeType.values()) {
      NoticeType.Channels channels = effective(chosen, type);
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
        v.add(type.id(), "field.preferences_object");
        continue;
      }
      JsonObject change = new JsonObject();
      for (String field : choice.fieldNames()) {
        Object flag = choice.getValue(field);
        if (!Arrays.asList(CHANNELS).contains(field)) {
          v.add(type.id() + "." + field, "field.channel");
        } else if (!(flag instanceof Boolean on)) {
          v.add(type.id() + "." + field, "field.not_boolean");
        } else if (field.equals("email") && !on && type.emailRequired()) {
          v.add(type.id() + ".email", "field.security_notice", "security_notice");
        } else {
          change.put(field, on);
        }
      }
      changes.put(type.id(), change);
    }
    return changes;
  }

  private static NoticeType.Channels effective(NotificationPreferences chosen, NoticeType type) {
    return type.effective(chosen.chosen().getOrDefault(type, type.defaults()));
  }

  /** The complete choice of every type named so far or now. */
  static NotificationPreferences merge(NotificationPreferences chosen, JsonObject changes) {
    Map<NoticeType, NoticeType.Channels> merged = new EnumMap<>(NoticeType.class);
    for (NoticeType type : NoticeType.values()) {
      if (!chosen.chosen().containsKey(type) && !changes.containsKey(type.id())) {
        continue;
      }
      NoticeType.Channels current = effective(chosen, type);
      JsonObject change = changes.getJsonObject(type.id(), new JsonObject());
      merged.put(type, new NoticeType.Channels(change.getBoolean("inApp", current.inApp()),
          change.getBoolean("email", current.email()), change.getBoolean("push", current.push())));
    }
    return new NotificationPreferences(merged);
  }
}
