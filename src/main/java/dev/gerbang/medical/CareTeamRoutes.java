package dev.gerbang.medical;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * /api/admin/patients/{id} and its care team: admins see a patient with the doctors assigned to them, and put
 * doctors on the team or take them off. The service audits each real change; assigning twice or removing twice is
 * no change, and answers the team as it is.
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
        .handler(ctx -> answer(ctx, teams.assign(Audit.actor(ctx), patientId(ctx), doctorId(ctx))));
    api.delete("/admin/patients/:id/doctors/:doctorId").handler(c.auth().required(Roles.ADMIN))
        .handler(ctx -> answer(ctx, teams.unassign(Audit.actor(ctx), patientId(ctx), doctorId(ctx))));
  }

  private static String patientId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("detail.not_found.patient");
    }
    return id;
  }

  private static String doctorId(RoutingContext ctx) {
    String id = ctx.pathParam("doctorId");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("detail.not_found.doctor");
    }
    return id;
  }

  private void patient(RoutingContext ctx) {
    answer(ctx, teams.patient(patientId(ctx)));
  }

  private static void answer(RoutingContext ctx, Future<CareTeam> team) {
    team.onSuccess(patient -> Responses.ok(ctx, patient.toJson())).onFailure(ctx::fail);
  }
}
