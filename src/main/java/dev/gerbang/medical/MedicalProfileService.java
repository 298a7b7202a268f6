package dev.gerbang.medical;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Patient and doctor profiles of users, on the event bus. */
@ProxyGen
@VertxGen
public interface MedicalProfileService {
  String ADDRESS = "gerbang.medical.profiles";

  static MedicalProfileService proxy(Vertx vertx) {
    return new MedicalProfileServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The patient profile of this user, or null. */
  Future<JsonObject> patientOfUser(String userId);

  /** Creates or replaces the user's own patient profile {dateOfBirth, sex, phone, address}. */
  Future<JsonObject> savePatientOfUser(String userId, JsonObject profile);

  /** The doctor profile of this user, or null. */
  Future<JsonObject> doctorOfUser(String userId);

  /** Creates or replaces the user's own doctor profile {specialty, licenceNumber}. */
  Future<JsonObject> saveDoctorOfUser(String userId, JsonObject profile);

  /** Admin search: {q, limit, cursor} -> {items, nextCursor, total}. */
  Future<JsonObject> searchPatients(JsonObject query);

  /** Admin: creates the profile of a user holding the patient role {userId, ..., medicalRecordNumber?}. */
  Future<JsonObject> createPatient(JsonObject profile);

  /** Admin: changes the fields present of a patient profile; 404 when there is none. */
  Future<JsonObject> updatePatient(String patientId, JsonObject changes);

  /** Admin search: {q, limit, cursor} -> {items, nextCursor, total}. */
  Future<JsonObject> searchDoctors(JsonObject query);

  /** Admin: creates the profile of a user holding the doctor role {userId, specialty, licenceNumber}. */
  Future<JsonObject> createDoctor(JsonObject profile);

  /** Admin: changes the fields present of a doctor profile; 404 when there is none. */
  Future<JsonObject> updateDoctor(String doctorId, JsonObject changes);

  /** A profile's userId (when given) that is no user holding the role (patient or doctor): [{field, message}]. */
  Future<JsonArray> unknownReferences(JsonObject profile, String role);
}
