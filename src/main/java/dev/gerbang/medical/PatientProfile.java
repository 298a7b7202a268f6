package dev.gerbang.medical;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A patient profile with its account's name and email (null once the account is deleted). */
@DataObject
public final class PatientProfile {
  private final String id;
  private final String userId;
  private final String name;
  private final String email;
  private final String medicalRecordNumber;
  private final String dateOfBirth;
  private final String sex;
  private final String phone;
  private final String address;
  private final String createdAt;
  private final String updatedAt;

  public PatientProfile(String id, String userId, String name, String email, String medicalRecordNumber, String dateOfBirth,
                        String sex, String phone, String address, String createdAt, String updatedAt) {
    this.id = id;
    this.userId = userId;
    this.name = name;
    this.email = email;
    this.medicalRecordNumber = medicalRecordNumber;
    this.dateOfBirth = dateOfBirth;
    this.sex = sex;
    this.phone = phone;
    this.address = address;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public PatientProfile(JsonObject json) {
    this(json.getString("id"), json.getString("userId"), json.getString("name"), json.getString("email"),
        json.getString("medicalRecordNumber"), json.getString("dateOfBirth"), json.getString("sex"), json.getString("phone"),
        json.getString("address"), json.getString("createdAt"), json.getString("updatedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("userId", userId)
        .put("name", name)
        .put("email", email)
        .put("medicalRecordNumber", medicalRecordNumber)
        .put("dateOfBirth", dateOfBirth)
        .put("sex", sex)
        .put("phone", phone)
        .put("address", address)
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
  }

  public String id() {
    return id;
  }

  public String userId() {
    return userId;
  }

  public String name() {
    return name;
  }

  public String email() {
    return email;
  }

  public String medicalRecordNumber() {
    return medicalRecordNumber;
  }

  public String dateOfBirth() {
    return dateOfBirth;
  }

  public String sex() {
    return sex;
  }

  public String phone() {
    return phone;
  }

  public String address() {
    return address;
  }

  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }
}
