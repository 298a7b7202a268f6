package dev.gerbang.medical;

import java.util.List;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.medical.impl.CareTeamServiceImpl;
import dev.gerbang.medical.impl.MedicalProfileServiceImpl;
import dev.gerbang.medical.impl.MedicalRecordServiceImpl;
import dev.gerbang.notify.NotifyFeature;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Medical records, the patient and doctor profiles they hang on, and the patients' care teams. */
public final class MedicalFeature implements Feature {
  private final Components c;
  private final NotifyFeature notify;

  public MedicalFeature(Components components, NotifyFeature notify) {
    this.c = components;
    this.notify = notify;
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(MedicalRecordService.class, MedicalRecordService.ADDRESS,
        new MedicalRecordServiceImpl(services.database(), notify.notices(services)));
    services.register(MedicalProfileService.class, MedicalProfileService.ADDRESS, new MedicalProfileServiceImpl(services.database()));
    services.register(CareTeamService.class, CareTeamService.ADDRESS, new CareTeamServiceImpl(services.database()));
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    new MedicalRecordRoutes(c, MedicalRecordService.proxy(vertx)).mount(api);
    new MedicalProfileRoutes(c, MedicalProfileService.proxy(vertx)).mount(api);
    new CareTeamRoutes(c, CareTeamService.proxy(vertx)).mount(api);
  }

  @Override
  public void start(Vertx vertx) {
    Metrics.of(vertx).zero("gerbang.medical.record.reads", "reader", List.of("admin", "doctor"));
  }
}
