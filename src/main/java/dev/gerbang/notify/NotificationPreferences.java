package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one user chose, type by type: the channels of each notice type they changed. A type that is not here gets
 * its defaults. JSON: {"comment.reply": {"inApp": true, "email": false, "push": true}, ...}.
 */
@DataObject
public final class NotificationPreferences {
  private final Map<NoticeType, NoticeType.Channels> chosen;

  public NotificationPreferences(Map<NoticeType, NoticeType.Channels> chosen) {
    EnumMap<NoticeType, NoticeType.Channels> copy = new EnumMap<>(NoticeType.class);
    copy.putAll(chosen);
    this.chosen = Collections.unmodifiableMap(copy);
  }

  /** Types this server does not know (any more) are left out. */
  public NotificationPreferences(JsonObject json) {
    this(read(json));
  }

  private static Map<NoticeType, NoticeType.Channels> read(JsonObject json) {
    Map<NoticeType, NoticeType.Channels> chosen = new EnumMap<>(NoticeType.class);
    for (String id : json.fieldNames()) {
      JsonObject choice = json.getJsonObject(id);
      NoticeType.of(id).ifPresent(type -> chosen.put(type, new NoticeType.Channels(choice.getBoolean("inApp"),
          choice.getBoolean("email"), choice.getBoolean("push"))));
    }
    return chosen;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    chosen.forEach((type, channels) -> json.put(type.id(), new JsonObject().put("inApp", channels.inApp())
        .put("email", channels.email()).put("push", channels.push())));
    return json;
  }

  /** The types the user changed, each with their channels. */
  public Map<NoticeType, NoticeType.Channels> chosen() {
    return chosen;
  }
}
