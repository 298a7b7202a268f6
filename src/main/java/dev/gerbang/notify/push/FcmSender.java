package dev.gerbang.notify.push;

import dev.gerbang.notify.push.PushOutcome.Kind;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Sends one notification to one device through Firebase Cloud Messaging HTTP v1 and answers what became of
 * it. HTTP, network and access-token problems are outcomes: the future never fails for them.
 */
public final class FcmSender {
  public static final String DEFAULT_API_BASE_URL = "https://fcm.googleapis.com";
  static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
  private static final String[] DATA_FIELDS = {"path", "id", "type"};

  private final WebClient client;
  private final GoogleAccessTokens tokens;
  private final String sendUrl;
  private final long timeoutMillis;

  public FcmSender(WebClient client, FcmCredentials credentials) {
    this(client, credentials, DEFAULT_API_BASE_URL);
  }

  /** apiBaseUrl: {@link #DEFAULT_API_BASE_URL} unless a test or a proxy stands in for Google. */
  public FcmSender(WebClient client, FcmCredentials credentials, String apiBaseUrl) {
    this(client, credentials, apiBaseUrl, DEFAULT_TIMEOUT_MILLIS);
  }

  FcmSender(WebClient client, FcmCredentials credentials, String apiBaseUrl, long timeoutMillis) {
    this.client = client;
    this.tokens = new GoogleAccessTokens(client, credentials, timeoutMillis);
    this.sendUrl = apiBaseUrl.replaceAll("/+$", "") + "/v1/projects/" + credentials.projectId() + "/messages:send";
    this.timeoutMillis = timeoutMillis;
  }

  /** Sends notification {title, body, path, id, type} to a device registration token. */
  public Future<PushOutcome> send(String deviceToken, JsonObject notification) {
    if (deviceToken == null || deviceToken.isBlank()) {
      return Future.succeededFuture(PushOutcome.of(Kind.GONE, 0, "no device token"));
    }
    JsonObject message = message(deviceToken, notification);
    return tokens.get().transform(token -> token.succeeded()
        ? post(message, token.result())
        : Future.succeededFuture(PushOutcome.of(Kind.RETRY, 0, "no access token: " + token.cause().getMessage())));
  }

  private Future<PushOutcome> post(JsonObject message, String accessToken) {
    return client.postAbs(sendUrl)
        .followRedirects(false)
        .connectTimeout(timeoutMillis)
        .idleTimeout(timeoutMillis)
        .putHeader("Authorization", "Bearer " + accessToken)
        .sendJsonObject(message)
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .map(response -> outcome(response, accessToken))
        .otherwise(PushOutcome::networkFailure);
  }

  /** The v1 message: data values must all be strings, and high priority so Android and iOS wake the app. */
  static JsonObject message(String deviceToken, JsonObject notification) {
    JsonObject shown = new JsonObject();
    putString(shown, "title", notification.getValue("title"));
    putString(shown, "body", notification.getValue("body"));
    JsonObject data = new JsonObject();
    for (String field : DATA_FIELDS) {
      putString(data, field, notification.getValue(field));
    }
    return new JsonObject().put("message", new JsonObject()
        .put("token", deviceToken)
        .put("notification", shown)
        .put("data", data)
        .put("android", new JsonObject().put("priority", "high"))
        .put("apns", new JsonObject().put("headers", new JsonObject().put("apns-priority", "10"))));
  }

  private static void putString(JsonObject target, String key, Object value) {
    if (value != null) {
      target.put(key, value.toString());
    }
  }

  private PushOutcome outcome(HttpResponse<Buffer> response, String accessToken) {
    int status = response.statusCode();
    if (status == 200) {
      return PushOutcome.of(Kind.DELIVERED, status, "HTTP 200");
    }
    JsonObject error = GoogleAccessTokens.json(response.body()).getValue("error") instanceof JsonObject object ? object : new JsonObject();
    String code = errorCode(error);
    String detail = "HTTP " + status + (code.isEmpty() ? "" : " " + code) + ": " + error.getString("message", "");
    if (status == 404 || status == 400 && tokenIsDead(error, code)) {
      return PushOutcome.of(Kind.GONE, status, detail);
    }
    if (status == 401) {
      tokens.invalidate(accessToken);
      return PushOutcome.retry(status, response.getHeader("Retry-After"), detail);
    }
    if (status == 429 || status >= 500) {
      return PushOutcome.retry(status, response.getHeader("Retry-After"), detail);
    }
    return PushOutcome.of(Kind.REJECTED, status, detail);
  }

  /** FCM's own error code (UNREGISTERED, INVALID_ARGUMENT, ...) from the details, else the RPC status. */
  private static String errorCode(JsonObject error) {
    for (Object detail : details(error)) {
      if (detail instanceof JsonObject object && object.getValue("errorCode") instanceof String code) {
        return code;
      }
    }
    return error.getValue("status") instanceof String status ? status : "";
  }

  /** UNREGISTERED, or INVALID_ARGUMENT about the token itself rather than about our message. */
  private static boolean tokenIsDead(JsonObject error, String code) {
    if (code.equals("UNREGISTERED")) {
      return true;
    }
    if (!code.equals("INVALID_ARGUMENT")) {
      return false;
    }
    for (Object detail : details(error)) {
      JsonArray violations = detail instanceof JsonObject object ? object.getJsonArray("fieldViolations", new JsonArray()) : new JsonArray();
      for (Object violation : violations) {
        if (violation instanceof JsonObject field && "message.token".equals(field.getValue("field"))) {
          return true;
        }
      }
    }
    return error.getValue("message") instanceof String message && message.toLowerCase(Locale.ROOT).contains("registration token");
  }

  private static JsonArray details(JsonObject error) {
    return error.getValue("details") instanceof JsonArray details ? details : new JsonArray();
  }
}
