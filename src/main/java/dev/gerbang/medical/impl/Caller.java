package dev.gerbang.medical.impl;

import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The caller as the record rules see them: an admin, and the patient and doctor profiles they act as. A
 * profile counts only while its user holds the matching role (roles are current, from the session gate).
 */
record Caller(String userId, boolean admin, String patientId, String doctorId) {
  static Caller of(JsonObject caller, String patientId, String doctorId) {
    JsonArray roles = caller.getJsonArray("roles", new JsonArray());
    return new Caller(caller.getString("userId"), roles.contains(Roles.ADMIN),
        roles.contains(Roles.PATIENT) ? patientId : null,
        roles.contains(Roles.DOCTOR) ? doctorId : null);
  }

  boolean isPatient(String id) {
    return patientId != null && patientId.equals(id);
  }

  boolean isDoctor(String id) {
    return doctorId != null && doctorId.equals(id);
  }
}
