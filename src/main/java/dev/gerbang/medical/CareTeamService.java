package dev.gerbang.medical;

import dev.gerbang.audit.Actor;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A patient's care team, on the event bus: the doctors an admin assigned, who read all of the patient's records
 * (any other doctor reads only the records they wrote). Unknown patients and doctors fail with NOT_FOUND. A real
 * change is audited in its transaction; assigning twice or removing twice changes nothing, and is not audited.
 */
@ProxyGen
@VertxGen
public interface CareTeamService {
  String ADDRESS = "gerbang.medical.careTeam";

  static CareTeamService proxy(Vertx vertx) {
    return new CareTeamServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The patient profile with its care team. */
  Future<CareTeam> patient(String patientId);

  /** Puts the doctor on the team (no change when already there): the team as it now is. */
  Future<CareTeam> assign(Actor admin, String patientId, String doctorId);

  /** Takes the doctor off the team (no change when not there): the team as it now is. */
  Future<CareTeam> unassign(Actor admin, String patientId, String doctorId);
}
