package dev.gerbang;

import dev.gerbang.account.AccountFeature;
import dev.gerbang.admin.AdminFeature;
import dev.gerbang.audit.AuditFeature;
import dev.gerbang.auth.AuthFeature;
import dev.gerbang.content.ContentFeature;
import dev.gerbang.medical.MedicalFeature;
import dev.gerbang.mfa.MfaFeature;
import dev.gerbang.metrics.MetricsFeature;
import dev.gerbang.notify.NotifyFeature;
import dev.gerbang.payment.PaymentFeature;
import dev.gerbang.social.SocialFeature;
import dev.gerbang.user.UserFeature;
import dev.gerbang.webhook.WebhookFeature;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The one list of features. Each reads its own settings when built (a bad value throws ConfigException,
 * naming its variable), binds its services on the database worker, mounts its routes on every HTTP verticle,
 * and starts what it runs on the node, in this order. Adding a feature: its package, and one line here.
 */
final class Features {
  private Features() {
  }

  static List<Feature> of(Vertx vertx, Components c) {
    NotifyFeature notify = new NotifyFeature(c);
    return List.of(
        new AuditFeature(),
        new AuthFeature(c, notify),
        new UserFeature(c, notify),
        new AccountFeature(c, notify),
        new SocialFeature(c, notify),
        new MfaFeature(c, notify),
        new MedicalFeature(c, notify),
        new ContentFeature(vertx, c, notify),
        notify,
        new AdminFeature(c),
        new MetricsFeature(c),
        new WebhookFeature(c),
        new PaymentFeature(c, notify));
  }
}
