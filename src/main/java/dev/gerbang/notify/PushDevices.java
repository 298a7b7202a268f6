package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The devices a user's pushes go to: {webPush: [browsers], mobile: [phones]}. */
@DataObject
public final class PushDevices {
  private final List<WebPushDevice> webPush;
  private final List<MobileDevice> mobile;

  public PushDevices(List<WebPushDevice> webPush, List<MobileDevice> mobile) {
    this.webPush = List.copyOf(webPush);
    this.mobile = List.copyOf(mobile);
  }

  public PushDevices(JsonObject json) {
    this(json.getJsonArray("webPush", new JsonArray()).stream().map(d -> new WebPushDevice((JsonObject) d)).toList(),
        json.getJsonArray("mobile", new JsonArray()).stream().map(d -> new MobileDevice((JsonObject) d)).toList());
  }

  public JsonObject toJson() {
    JsonArray browsers = new JsonArray();
    webPush.forEach(d -> browsers.add(d.toJson()));
    JsonArray phones = new JsonArray();
    mobile.forEach(d -> phones.add(d.toJson()));
    return new JsonObject().put("webPush", browsers).put("mobile", phones);
  }

  public List<WebPushDevice> webPush() {
    return webPush;
  }

  public List<MobileDevice> mobile() {
    return mobile;
  }
}
