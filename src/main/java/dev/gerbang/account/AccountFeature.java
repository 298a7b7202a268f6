package dev.gerbang.account;

import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.account.impl.AccountServiceImpl;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.notify.NotifyFeature;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The flows through the user's mailbox: verify the email, reset the password, change the email. */
public final class AccountFeature implements Feature {
  private final Components c;
  private final NotifyFeature notify;

  public AccountFeature(Components components, NotifyFeature notify) {
    this.c = components;
    this.notify = notify;
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(AccountService.class, AccountService.ADDRESS,
        new AccountServiceImpl(services.database(), notify.outbox(services), notify.notices(services), services.events()));
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    new AccountRoutes(c).mount(api);
  }
}
