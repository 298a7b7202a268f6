package dev.gerbang.medical;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A patient's care team, on the event bus: the doctors an admin assigned, who read all of the patient's records
 * (any other doctor reads only the records they wrote). Unknown patients and doctors fail with 404.
 */
@ProxyGen
@VertxGen
public interface CareTeamService {
  String ADDRESS = "gerbang.medical.careTeam";

  static CareTeamService proxy(Vertx vertx) {
    return new CareTeamServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The patient profile with its careTeam: [{id, userId, name, email, specialty, licenceNumber, assignedAt}]. */
  Future<JsonObject> patient(String patientId);

  /** Puts the doctor on the team (no change when already there): {patient (with careTeam), changed}. */
  Future<JsonObject> assign(String patientId, String doctorId, String adminUserId);

  /** Takes the doctor off the team (no change when not there): {patient (with careTeam), changed}. */
  Future<JsonObject> unassign(String patientId, String doctorId);
}
