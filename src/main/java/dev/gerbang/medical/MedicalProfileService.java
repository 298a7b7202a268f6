package dev.gerbang.medical;

import dev.gerbang.audit.Actor;
import dev.gerbang.failure.FieldError;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Patient and doctor profiles of users, on the event bus; every change is audited in its transaction. */
@ProxyGen
@VertxGen
public interface MedicalProfileService {
  String ADDRESS = "gerbang.medical.profiles";

  static MedicalProfileService proxy(Vertx vertx) {
    return new MedicalProfileServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The patient profile of this user, or null. */
  Future<PatientProfile> patientOfUser(String userId);

  /** Creates or replaces the actor's own patient profile (a new one gets a record number). */
  Future<PatientProfile> saveOwnPatient(Actor owner, PatientInput profile);

  /** The doctor profile of this user, or null. */
  Future<DoctorProfile> doctorOfUser(String userId);

  /** Creates or replaces the actor's own doctor profile. */
  Future<DoctorProfile> saveOwnDoctor(Actor owner, DoctorInput profile);

  /** Admin search: {q, limit, cursor}. */
  Future<PatientPage> searchPatients(JsonObject query);

  /** Admin: creates the profile of the user (holding the patient role) the input names. */
  Future<PatientProfile> createPatient(Actor admin, PatientInput profile);

  /** Admin: changes the fields the input names of a patient profile; NOT_FOUND when there is none. */
  Future<PatientProfile> updatePatient(Actor admin, String patientId, PatientInput changes);

  /** Admin search: {q, limit, cursor}. */
  Future<DoctorPage> searchDoctors(JsonObject query);

  /** Admin: creates the profile of the user (holding the doctor role) the input names. */
  Future<DoctorProfile> createDoctor(Actor admin, DoctorInput profile);

  /** Admin: changes the fields the input names of a doctor profile; NOT_FOUND when there is none. */
  Future<DoctorProfile> updateDoctor(Actor admin, String doctorId, DoctorInput changes);

  /** The userId of a profile to create (when given) if it is no user holding the role (patient or doctor). */
  Future<List<FieldError>> unknownReferences(String userId, String role);
}
