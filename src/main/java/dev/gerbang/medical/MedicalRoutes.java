package dev.gerbang.medical;

import dev.gerbang.Components;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The medical feature's routes: the records, the patient and doctor profiles they hang on, and care teams. */
public final class MedicalRoutes {
  private MedicalRoutes() {
  }

  public static void mount(Router api, Vertx vertx, Components c) {
    new MedicalRecordRoutes(c, MedicalRecordService.proxy(vertx)).mount(api);
    new MedicalProfileRoutes(c, MedicalProfileService.proxy(vertx)).mount(api);
    new CareTeamRoutes(c, CareTeamService.proxy(vertx)).mount(api);
  }
}
