package dev.gerbang.medical;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A patient and their care team: the doctors an admin assigned, in the order they were. The API shows it as the
 * patient profile with a careTeam: [{id, userId, name, email, specialty, licenceNumber, assignedAt}] (doctor
 * profile ids).
 */
@DataObject
public final class CareTeam {
  /** A doctor on the team, since assignedAt. */
  public record Member(String id, String userId, String name, String email, String specialty, String licenceNumber,
                       String assignedAt) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("userId", userId).put("name", name).put("email", email)
          .put("specialty", specialty).put("licenceNumber", licenceNumber).put("assignedAt", assignedAt);
    }

    static Member fromJson(JsonObject json) {
      return new Member(json.getString("id"), json.getString("userId"), json.getString("name"), json.getString("email"),
          json.getString("specialty"), json.getString("licenceNumber"), json.getString("assignedAt"));
    }
  }

  private final PatientProfile patient;
  private final List<Member> members;

  public CareTeam(PatientProfile patient, List<Member> members) {
    this.patient = patient;
    this.members = List.copyOf(members);
  }

  public CareTeam(JsonObject json) {
    this(new PatientProfile(json), json.getJsonArray("careTeam", new JsonArray()).stream()
        .map(member -> Member.fromJson((JsonObject) member)).toList());
  }

  public JsonObject toJson() {
    JsonArray team = new JsonArray();
    members.forEach(member -> team.add(member.toJson()));
    return patient.toJson().put("careTeam", team);
  }

  public PatientProfile patient() {
    return patient;
  }

  public List<Member> members() {
    return members;
  }
}
