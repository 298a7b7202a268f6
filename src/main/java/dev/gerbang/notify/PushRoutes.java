package dev.gerbang.notify;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.notify.push.VapidKeys;
import dev.gerbang.notify.push.WebPushCrypto;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** Registering devices for push: the VAPID public key, browsers' Web Push subscriptions, mobile apps' FCM tokens. */
public final class PushRoutes {
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");
  private static final List<String> PLATFORMS = List.of("android", "ios", "web");

  private final Components c;
  private final NotifySettings settings;
  private final VapidKeys vapid;
  private final PushService push;

  PushRoutes(Vertx vertx, Components components, NotifySettings settings, VapidKeys vapid) {
    this.c = components;
    this.settings = settings;
    this.vapid = vapid;
    this.push = PushService.proxy(vertx);
  }

  void mount(Router api) {
    api.get("/push/vapid-public-key").handler(this::vapidPublicKey);
    api.post("/push/subscriptions").handler(c.auth().required()).handler(this::subscribe);
    api.delete("/push/subscriptions/:id").handler(c.auth().required()).handler(this::unsubscribe);
    api.post("/push/devices").handler(c.auth().required()).handler(this::registerDevice);
    api.delete("/push/devices/:id").handler(c.auth().required()).handler(this::removeDevice);
  }

  private void vapidPublicKey(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "public, max-age=3600");
    Responses.ok(ctx, new JsonObject().put("publicKey", vapid.publicKeyBase64Url()));
  }

  /** The browser's PushSubscription.toJSON(): {endpoint, expirationTime, keys: {p256dh, auth}}. */
  private void subscribe(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "endpoint", "expirationTime", "keys");
    String endpoint = v.line("endpoint", 1, 2048);
    String endpointProblem = endpoint == null ? null : settings.endpointProblem(endpoint);
    if (endpointProblem != null) {
      v.add("endpoint", endpointProblem);
    }
    Object keys = v.raw().getValue("keys");
    String p256dh = null;
    String auth = null;
    if (!(keys instanceof JsonObject keyObject)) {
      v.add("keys", keys == null ? "field.required" : "field.push_keys");
    } else {
      p256dh = key(v, keyObject, "p256dh", 65);
      auth = key(v, keyObject, "auth", 16);
      if (p256dh != null && !WebPushCrypto.isValidPublicKey(Base64.getUrlDecoder().decode(p256dh.replace("=", "")))) {
        v.add("keys.p256dh", "field.p256_key");
        p256dh = null;
      }
    }
    v.validate();
    push.subscribe(AuthUser.of(ctx).userId(), new PushSubscription(endpoint, p256dh, auth, userAgent(ctx)),
            settings.maxDevicesPerUser(), Audit.actor(ctx))
        .onSuccess(saved -> Responses.json(ctx, status(saved), new JsonObject().put("id", saved.id())))
        .onFailure(ctx::fail);
  }

  private static int status(PushRegistration saved) {
    return switch (saved.outcome()) {
      case CREATED -> 201;
      case UPDATED -> 200;
    };
  }

  /** A base64url key of exactly `bytes` bytes once decoded; null (and a field error) otherwise. */
  private static String key(Validator v, JsonObject keys, String name, int bytes) {
    Object value = keys.getValue(name);
    if (!(value instanceof String text) || !BASE64URL.matcher(text).matches() || text.length() > 100) {
      v.add("keys." + name, value == null ? "field.required" : "field.base64url");
      return null;
    }
    try {
      if (Base64.getUrlDecoder().decode(text.replace("=", "")).length == bytes) {
        return text.replace("=", "");
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    v.add("keys." + name, "field.key_bytes", new JsonObject().put("bytes", bytes));
    return null;
  }

  private void unsubscribe(RoutingContext ctx) {
    OwnRow.change(ctx, "detail.not_found.push_subscription", id -> push.unsubscribe(AuthUser.of(ctx).userId(), id,
        Audit.actor(ctx)), id -> { });
  }

  /** A mobile app's FCM registration token: {token, platform: android|ios|web, name?}. */
  private void registerDevice(RoutingContext ctx) {
    if (!settings.fcmEnabled()) {
      ctx.fail(new Problem(503, "push-not-configured", "title.push_not_configured",
          "detail.push_not_configured", List.of()));
      return;
    }
    Validator v = Validator.body(ctx, "token", "platform", "name");
    String token = v.pattern("token", v.secret("token", 1024), TOKEN, "field.token_characters");
    String platform = v.line("platform", 1, 10);
    if (platform != null && !PLATFORMS.contains(platform)) {
      v.add("platform", "field.platform");
    }
    String name = v.optionalLine("name", 1, 100);
    v.validate();
    push.registerDevice(AuthUser.of(ctx).userId(), new DeviceRegistration(token, platform, name), settings.maxDevicesPerUser(),
            Audit.actor(ctx))
        .onSuccess(saved -> Responses.json(ctx, status(saved), new JsonObject().put("id", saved.id())))
        .onFailure(ctx::fail);
  }

  private void removeDevice(RoutingContext ctx) {
    OwnRow.change(ctx, "detail.not_found.device", id -> push.removeDevice(AuthUser.of(ctx).userId(), id,
        Audit.actor(ctx)), id -> { });
  }

  private static String userAgent(RoutingContext ctx) {
    String agent = ctx.request().getHeader("User-Agent");
    return agent == null ? null : agent.length() > 255 ? agent.substring(0, 255) : agent;
  }
}
