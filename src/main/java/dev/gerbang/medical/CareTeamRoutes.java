package dev.gerbang.medical;

import dev.gerbang.Components;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * /api/admin/patients/{id} and its care team: admins see a patient with the doctors assigned to them, and put
 * doctors on the team or take them off. Each real change is audited; assigning twice or removing twice is no
 * change, and answers the team as it is.
 */
public final class CareTeamRoutes {
  private final Components c;
  private final CareTeamService teams;

  public CareTeamRoutes(Components components, CareTeamService teams) {
    this.c = components;
    this.teams = teams;
  }

  public void mount(Router api) {
    api.get("/admin/patients/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::patient);
    api.put("/admin/patients/:id/doctors/:doctorId").handler(c.auth().required(Roles.ADMIN))
        .handler(ctx -> change(ctx, "care_team_assigned", teams.assign(patientId(ctx), doctorId(ctx), AuthUser.of(ctx).userId())));
    api.delete("/admin/patients/:id/doctors/:doctorId").handler(c.auth().required(Roles.ADMIN))
        .handler(ctx -> change(ctx, "care_team_unassigned", teams.unassign(patientId(ctx), doctorId(ctx))));
  }

  private static String patientId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("No such patient");
    }
    return id;
  }

  private static String doctorId(RoutingContext ctx) {
    String id = ctx.pathParam("doctorId");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("No such doctor");
    }
    return id;
  }

  private void patient(RoutingContext ctx) {
    teams.patient(patientId(ctx)).onSuccess(patient -> Responses.ok(ctx, patient)).onFailure(ctx::fail);
  }

  private void change(RoutingContext ctx, String event, Future<JsonObject> change) {
    change.onSuccess(result -> {
      JsonObject patient = result.getJsonObject("patient");
      if (result.getBoolean("changed")) {
        c.audit().record(ctx, event, patient.getString("userId"), new JsonObject()
            .put("patientId", patient.getString("id")).put("doctorId", ctx.pathParam("doctorId")));
      }
      Responses.ok(ctx, patient);
    }).onFailure(ctx::fail);
  }
}
