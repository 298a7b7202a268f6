package dev.gerbang.social;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The URL fragment that hands a pending second step to the web app's sign-in screen after a provider's redirect. */
final class MfaFragment {
  private MfaFragment() {
  }

  static String of(JsonObject answer, String next) {
    return "mfaToken=" + encode(answer.getString("mfaToken"))
        + "&methods=" + encode(String.join(",", answer.getJsonArray("methods").stream().map(String::valueOf).toList()))
        + (answer.getBoolean("enrolmentRequired", false) ? "&enrol=1" : "")
        + "&next=" + encode(next);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
