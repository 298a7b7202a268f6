package dev.gerbang.medical;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A medical record with its patient and its doctor, as the API shows it. In a record's detail the patient comes with
 * their date of birth and sex and the doctor with their licence number; in a list those are null, and left out.
 */
@DataObject
public final class MedicalRecord {
  /** Who the record is about; userId is null when their account was deleted. */
  public record Patient(String id, String userId, String name, String medicalRecordNumber, String dateOfBirth, String sex) {
    JsonObject toJson() {
      JsonObject json = new JsonObject().put("id", id).put("userId", userId).put("name", name)
          .put("medicalRecordNumber", medicalRecordNumber);
      return dateOfBirth == null ? json : json.put("dateOfBirth", dateOfBirth).put("sex", sex);
    }

    static Patient fromJson(JsonObject json) {
      return new Patient(json.getString("id"), json.getString("userId"), json.getString("name"),
          json.getString("medicalRecordNumber"), json.getString("dateOfBirth"), json.getString("sex"));
    }
  }

  /** Who wrote it. */
  public record Doctor(String id, String userId, String name, String specialty, String licenceNumber) {
    JsonObject toJson() {
      JsonObject json = new JsonObject().put("id", id).put("userId", userId).put("name", name).put("specialty", specialty);
      return licenceNumber == null ? json : json.put("licenceNumber", licenceNumber);
    }

    static Doctor fromJson(JsonObject json) {
      return new Doctor(json.getString("id"), json.getString("userId"), json.getString("name"), json.getString("specialty"),
          json.getString("licenceNumber"));
    }
  }

  private final String id;
  private final String visitDate;
  private final String complaint;
  private final String diagnosis;
  private final String icd10Code;
  private final String treatment;
  private final String notes;
  private final Patient patient;
  private final Doctor doctor;
  private final String createdAt;
  private final String updatedAt;

  public MedicalRecord(String id, String visitDate, String complaint, String diagnosis, String icd10Code, String treatment,
                       String notes, Patient patient, Doctor doctor, String createdAt, String updatedAt) {
    this.id = id;
    this.visitDate = visitDate;
    this.complaint = complaint;
    this.diagnosis = diagnosis;
    this.icd10Code = icd10Code;
    this.treatment = treatment;
    this.notes = notes;
    this.patient = patient;
    this.doctor = doctor;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public MedicalRecord(JsonObject json) {
    this(json.getString("id"), json.getString("visitDate"), json.getString("complaint"), json.getString("diagnosis"),
        json.getString("icd10Code"), json.getString("treatment"), json.getString("notes"),
        Patient.fromJson(json.getJsonObject("patient")), Doctor.fromJson(json.getJsonObject("doctor")),
        json.getString("createdAt"), json.getString("updatedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("visitDate", visitDate)
        .put("complaint", complaint)
        .put("diagnosis", diagnosis)
        .put("icd10Code", icd10Code)
        .put("treatment", treatment)
        .put("notes", notes)
        .put("patient", patient.toJson())
        .put("doctor", doctor.toJson())
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
  }

  public String id() {
    return id;
  }

  public String visitDate() {
    return visitDate;
  }

  public String complaint() {
    return complaint;
  }

  public String diagnosis() {
    return diagnosis;
  }

  public String icd10Code() {
    return icd10Code;
  }

  public String treatment() {
    return treatment;
  }

  public String notes() {
    return notes;
  }

  public Patient patient() {
    return patient;
  }

  public Doctor doctor() {
    return doctor;
  }

  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }
}
