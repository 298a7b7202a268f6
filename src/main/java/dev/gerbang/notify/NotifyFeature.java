package dev.gerbang.notify;

import dev.gerbang.metrics.Metrics;
import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;
import dev.gerbang.db.Schedule;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.notify.impl.BroadcastServiceImpl;
import dev.gerbang.notify.impl.NotificationServiceImpl;
import dev.gerbang.notify.impl.OutboxServiceImpl;
import dev.gerbang.notify.impl.PushServiceImpl;
import dev.gerbang.notify.push.FcmCredentials;
import dev.gerbang.notify.push.VapidKeys;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;

/**
 * Notifications: the mail templates and texts, the outbox and the notify verticle that drains it (email, Web
 * Push, FCM), the in-app inbox with its live stream, and push registrations. Other features write their notices
 * with {@link #notices} (and plain mails with {@link #outbox}) inside their own transactions. Built on the
 * starting thread: the templates, the VAPID key file and the FCM credentials are read here.
 */
public final class NotifyFeature implements Feature {
  private final Components c;
  private final NotifySettings settings;
  private final MailSettings mail;
  private final Templates templates;
  private final VapidKeys vapid;
  private final FcmCredentials fcm;

  public NotifyFeature(Components components) {
    this.c = components;
    this.settings = NotifySettings.from(components.config());
    this.mail = MailSettings.from(components.config().reader());
    this.templates = new Templates(Path.of("").toAbsolutePath(), components.config().defaultLocale());
    this.vapid = VapidKeys.loadOrCreate(components.secrets());
    try {
      this.fcm = settings.fcmEnabled() ? FcmCredentials.load(Path.of(settings.fcmCredentialsFile())) : null;
    } catch (RuntimeException e) {
      throw new ConfigException(ConfigReader.envName("push.fcm.credentialsFile") + ": " + e.getMessage());
    }
  }

  public NotifySettings settings() {
    return settings;
  }

  /** The outbox of plain mails, writing in the caller's transaction. */
  public Outbox outbox(ServiceRegistry services) {
    return new Outbox(services.vertx(), services.database());
  }

  /** The notices (inbox row, mail, pushes) of an event, writing in the caller's transaction. */
  public Notices notices(ServiceRegistry services) {
    return new Notices(services.vertx(), services.database(), outbox(services), templates);
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(OutboxService.class, OutboxService.ADDRESS, new OutboxServiceImpl(services.database()));
    services.register(NotificationService.class, NotificationService.ADDRESS,
        new NotificationServiceImpl(services.database(), new Schedule(services.database(), c.cluster().nodeId())));
    services.register(PushService.class, PushService.ADDRESS, new PushServiceImpl(services.database(), services.events()));
    services.register(BroadcastService.class, BroadcastService.ADDRESS, new BroadcastServiceImpl(services.database(),
        notices(services), new AuditLog(services.database()), services.events()));
  }

  @Override
  public void start(Vertx vertx) {
    for (String channel : List.of("email", "webpush", "fcm")) {
      Metrics.of(vertx).zero("gerbang.deliveries", "outcome",
          java.util.Arrays.stream(Delivery.Kind.values()).map(kind -> kind.name().toLowerCase(java.util.Locale.ROOT)).toList(),
          "channel", channel);
    }
  }

  @Override
  public Future<List<String>> deploy(Vertx vertx) {
    return vertx.deployVerticle(() -> new NotifyVerticle(c.config(), mail, templates, c.emailTokens(), settings, vapid, fcm),
        new DeploymentOptions()).map(List::of);
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    new NotificationRoutes(vertx, c, settings).mount(api);
    new PushRoutes(vertx, c, settings, vapid).mount(api);
  }
}
