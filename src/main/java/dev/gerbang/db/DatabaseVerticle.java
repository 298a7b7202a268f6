package dev.gerbang.db;

import dev.gerbang.account.AccountService;
import dev.gerbang.account.impl.AccountServiceImpl;
import dev.gerbang.audit.AuditService;
import dev.gerbang.audit.impl.AuditServiceImpl;
import dev.gerbang.auth.SessionService;
import dev.gerbang.auth.impl.SessionServiceImpl;
import dev.gerbang.config.AppConfig;
import dev.gerbang.notify.Notices;
import dev.gerbang.notify.NotificationService;
import dev.gerbang.notify.Outbox;
import dev.gerbang.notify.PushService;
import dev.gerbang.notify.Templates;
import dev.gerbang.notify.impl.NotificationServiceImpl;
import dev.gerbang.notify.impl.PushServiceImpl;
import dev.gerbang.notify.OutboxService;
import dev.gerbang.notify.impl.OutboxServiceImpl;
import dev.gerbang.social.SocialService;
import dev.gerbang.social.impl.SocialServiceImpl;
import dev.gerbang.medical.MedicalProfileService;
import dev.gerbang.medical.MedicalRecordService;
import dev.gerbang.medical.impl.MedicalProfileServiceImpl;
import dev.gerbang.medical.impl.MedicalRecordServiceImpl;
import dev.gerbang.content.ArticleService;
import dev.gerbang.content.CommentService;
import dev.gerbang.content.TaxonomyService;
import dev.gerbang.content.impl.ArticleServiceImpl;
import dev.gerbang.content.impl.CommentServiceImpl;
import dev.gerbang.content.impl.TaxonomyServiceImpl;
import dev.gerbang.user.UserService;
import dev.gerbang.user.impl.UserServiceImpl;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker that alone holds the JDBC pool: it migrates the schema, then exposes the data services
 * on the event bus. Deployed with the WORKER threading model, so that opening the pool and migrating
 * may block.
 */
public final class DatabaseVerticle extends VerticleBase {
  /** Answers an empty reply when the database takes a query: the readiness check. */
  public static final String PING = "gerbang.db.ping";
  /** Answers {dialect, sizeBytes}: how much room the database takes, for the admin system page. */
  public static final String SIZE = "gerbang.db.size";

  private final AppConfig config;
  private final Templates templates;
  private final Cursors cursors;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private Database database;

  /** templates render the notifications' texts, which are written when their event happens; cursors page the lists. */
  public DatabaseVerticle(AppConfig config, Templates templates, Cursors cursors) {
    this.config = config;
    this.templates = templates;
    this.cursors = cursors;
  }

  @Override
  public Future<?> start() throws Exception {
    database = Database.open(vertx, config, cursors);
    ServiceBinder binder = new ServiceBinder(vertx);
    Outbox outbox = new Outbox(vertx, database);
    Notices notices = new Notices(vertx, database, outbox, templates);
    consumers.add(binder.setAddress(UserService.ADDRESS).register(UserService.class, new UserServiceImpl(database, outbox)));
    consumers.add(binder.setAddress(SessionService.ADDRESS).register(SessionService.class, new SessionServiceImpl(database, notices)));
    consumers.add(binder.setAddress(AuditService.ADDRESS).register(AuditService.class, new AuditServiceImpl(database)));
    consumers.add(binder.setAddress(AccountService.ADDRESS).register(AccountService.class, new AccountServiceImpl(database, outbox, notices)));
    consumers.add(binder.setAddress(OutboxService.ADDRESS).register(OutboxService.class, new OutboxServiceImpl(database)));
    consumers.add(binder.setAddress(SocialService.ADDRESS).register(SocialService.class, new SocialServiceImpl(database)));
    consumers.add(binder.setAddress(MedicalRecordService.ADDRESS).register(MedicalRecordService.class, new MedicalRecordServiceImpl(database, notices)));
    consumers.add(binder.setAddress(MedicalProfileService.ADDRESS).register(MedicalProfileService.class, new MedicalProfileServiceImpl(database)));
    consumers.add(binder.setAddress(ArticleService.ADDRESS).register(ArticleService.class, new ArticleServiceImpl(database)));
    consumers.add(binder.setAddress(CommentService.ADDRESS).register(CommentService.class, new CommentServiceImpl(database, notices)));
    consumers.add(binder.setAddress(NotificationService.ADDRESS).register(NotificationService.class,
        new NotificationServiceImpl(database, notices)));
    consumers.add(binder.setAddress(PushService.ADDRESS).register(PushService.class, new PushServiceImpl(database)));
    consumers.add(binder.setAddress(TaxonomyService.ADDRESS).register(TaxonomyService.class, new TaxonomyServiceImpl(database)));
    consumers.add(vertx.eventBus().consumer(PING, message -> database.pool().query("SELECT 1").execute()
        .onSuccess(rows -> message.reply(null))
        .onFailure(failure -> message.fail(503, "database unreachable"))));
    Sql sql = database.sql("system");
    consumers.add(vertx.eventBus().consumer(SIZE, message -> database.pool().query(sql.get("databaseSize")).execute()
        .onSuccess(rows -> message.reply(new JsonObject()
            .put("dialect", database.dialect().name().toLowerCase(java.util.Locale.ROOT))
            .put("sizeBytes", rows.iterator().next().getLong("bytes"))))
        .onFailure(failure -> message.fail(503, "database unreachable"))));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    List<Future<?>> unregistered = new ArrayList<>();
    consumers.forEach(consumer -> unregistered.add(consumer.unregister()));
    return Future.join(unregistered).eventually(() -> {
      if (database != null) {
        database.close();
      }
      return Future.succeededFuture();
    });
  }
}
