package dev.gerbang.medical;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A doctor profile with its account's name and email (null once the account is deleted). */
@DataObject
public final class DoctorProfile {
  private final String id;
  private final String userId;
  private final String name;
  private final String email;
  private final String specialty;
  private final String licenceNumber;
  private final String createdAt;
  private final String updatedAt;

  public DoctorProfile(String id, String userId, String name, String email, String specialty, String licenceNumber,
                       String createdAt, String updatedAt) {
    this.id = id;
    this.userId = userId;
    this.name = name;
    this.email = email;
    this.specialty = specialty;
    this.licenceNumber = licenceNumber;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public DoctorProfile(JsonObject json) {
    this(json.getString("id"), json.getString("userId"), json.getString("name"), json.getString("email"),
        json.getString("specialty"), json.getString("licenceNumber"), json.getString("createdAt"), json.getString("updatedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("userId", userId)
        .put("name", name)
        .put("email", email)
        .put("specialty", specialty)
        .put("licenceNumber", licenceNumber)
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

  public String specialty() {
    return specialty;
  }

  public String licenceNumber() {
    return licenceNumber;
  }

  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }
}
