package dev.gerbang.medical;

import dev.gerbang.Components;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The medical feature's routes: the records, and the patient and doctor profiles they hang on. */
public final class MedicalRoutes {
  private MedicalRoutes() {
  }

  public static void mount(Router api, Vertx vertx, Components c) {
    new MedicalRecordRoutes(c, MedicalRecordService.proxy(vertx)).mount(api);
    new MedicalProfileRoutes(c, MedicalProfileService.proxy(vertx)).mount(api);
  }
}
