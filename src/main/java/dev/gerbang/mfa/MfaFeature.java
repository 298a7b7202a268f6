package dev.gerbang.mfa;

import java.util.List;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.auth.SessionIssuer;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.mfa.impl.MfaServiceImpl;
import dev.gerbang.notify.NotifyFeature;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Second factors (docs/mfa.md): TOTP, recovery codes and passkeys; the second step of a sign-in (answering auth's
 * SecondStep question on this node), passkey sign-in, and the admins' role policy and resets.
 */
public final class MfaFeature implements Feature {
  private final Components c;
  private final NotifyFeature notify;
  private final MfaSettings settings;

  public MfaFeature(Components components, NotifyFeature notify) {
    this.c = components;
    this.notify = notify;
    this.settings = MfaSettings.from(components.config(), components.config().reader().nonBlank("mail.productName"));
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(MfaService.class, MfaService.ADDRESS,
        new MfaServiceImpl(services.database(), notify.outbox(services), settings.requiredRoles()));
  }

  @Override
  public void start(Vertx vertx) {
    Metrics metrics = Metrics.of(vertx);
    metrics.zero("gerbang.signins", "outcome", List.of("ok", "wrong_credentials", "locked"), "method", "second_step");
    metrics.zero("gerbang.signins", "outcome", List.of("ok", "wrong_credentials"), "method", "passkey");
    new SignInGate(settings, MfaService.proxy(vertx)).listen(vertx);
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    Factors factors = new Factors(c, settings, MfaService.proxy(vertx));
    WebAuthn webAuthn = new WebAuthn(vertx, settings, factors.service);
    SessionIssuer issuer = new SessionIssuer(c);
    new SecondStepRoutes(factors, webAuthn, issuer).mount(api);
    new PasskeyRoutes(factors, webAuthn, issuer).mount(api);
    new MfaRoutes(factors).mount(api);
  }
}
