package dev.gerbang.medical.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.user.Roles;

/**
 * The actor as the record rules see them: an admin, and the patient and doctor profiles they act as. A profile
 * counts only while its user holds the matching role (roles are current, from the session gate).
 */
record Caller(String userId, boolean admin, String patientId, String doctorId) {
  static Caller of(Actor actor, String patientId, String doctorId) {
    return new Caller(actor.userId(), actor.hasRole(Roles.ADMIN),
        actor.hasRole(Roles.PATIENT) ? patientId : null,
        actor.hasRole(Roles.DOCTOR) ? doctorId : null);
  }

  boolean isPatient(String id) {
    return patientId != null && patientId.equals(id);
  }

  boolean isDoctor(String id) {
    return doctorId != null && doctorId.equals(id);
  }

  /** Whether every record this caller may read is their own as a patient: a patient who is neither doctor nor admin. */
  boolean readsOnlyOwnRecords() {
    return !admin && doctorId == null;
  }
}
