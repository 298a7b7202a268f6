package dev.gerbang.medical;

import dev.gerbang.Components;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.db.Ids;
import dev.gerbang.failure.Failure;
import dev.gerbang.http.Problem;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * /api/medical-records. Who may see which record is decided by {@link MedicalRecordService} next to the
 * query; here: the roles that may call at all, the input checks, and the audit trail of every read by
 * someone other than the record's patient and of every change.
 */
public final class MedicalRecordRoutes {
  private static final String[] RECORD_FIELDS = {"visitDate", "complaint", "diagnosis", "icd10Code", "treatment", "notes"};

  private final Components c;
  private final MedicalRecordService records;

  public MedicalRecordRoutes(Components components, MedicalRecordService records) {
    this.c = components;
    this.records = records;
  }

  public void mount(Router api) {
    api.get("/medical-records").handler(c.auth().required(Roles.PATIENT, Roles.DOCTOR, Roles.ADMIN)).handler(this::list);
    api.post("/medical-records").handler(c.auth().required(Roles.DOCTOR, Roles.ADMIN)).handler(this::create);
    api.get("/medical-records/:id").handler(c.auth().required(Roles.PATIENT, Roles.DOCTOR, Roles.ADMIN)).handler(this::read);
    api.patch("/medical-records/:id").handler(c.auth().required(Roles.DOCTOR, Roles.ADMIN)).handler(this::update);
    api.delete("/medical-records/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::delete);
  }

  /** The caller as the service needs it: the user id and the roles they hold now. */
  static JsonObject caller(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    return new JsonObject().put("userId", me.userId()).put("roles", new JsonArray(me.roles().stream().sorted().toList()));
  }

  private static String recordId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("No such medical record");
    }
    return id;
  }

  private static boolean aboutSomeoneElse(RoutingContext ctx, JsonObject record) {
    return !AuthUser.of(ctx).userId().equals(record.getJsonObject("patient").getString("userId"));
  }

  private void list(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "q", "patientId", "doctorId", "from", "to", "limit", "cursor")
        .text("q", 100).id("patientId").id("doctorId").instant("from").instant("to").limit().cursor().validate();
    for (String bound : new String[] {"from", "to"}) {
      if (query.containsKey(bound)) {
        query.put(bound, Instant.ofEpochMilli(query.getLong(bound)).atZone(ZoneOffset.UTC).toLocalDate().toString());
      }
    }
    records.list(caller(ctx), query).onSuccess(page -> {
      JsonArray others = new JsonArray();
      page.getJsonArray("items").forEach(item -> {
        if (aboutSomeoneElse(ctx, (JsonObject) item)) {
          others.add(((JsonObject) item).getString("id"));
        }
      });
      if (!others.isEmpty()) {
        c.audit().record(ctx, "medical_records_listed", null, new JsonObject().put("recordIds", others));
      }
      Responses.ok(ctx, page);
    }).onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    String id = recordId(ctx);
    records.read(caller(ctx), id).onSuccess(record -> {
      if (aboutSomeoneElse(ctx, record)) {
        c.audit().record(ctx, "medical_record_read", record.getJsonObject("patient").getString("userId"),
            new JsonObject().put("recordId", id));
      }
      Responses.ok(ctx, record);
    }).onFailure(failure -> denied(ctx, id, failure));
  }

  /** A refused attempt at someone else's record is a security event too. */
  private void denied(RoutingContext ctx, String id, Throwable failure) {
    if (Failure.is(failure, Failure.Kind.FORBIDDEN)) {
      c.audit().record(ctx, "medical_record_denied", AuthUser.of(ctx).userId(), new JsonObject().put("recordId", id));
    }
    ctx.fail(failure);
  }

  private void create(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "patientId", "doctorId", "visitDate", "complaint", "diagnosis", "icd10Code",
        "treatment", "notes");
    JsonObject record = new JsonObject()
        .put("patientId", MedicalInput.id(v, "patientId", true))
        .put("doctorId", MedicalInput.id(v, "doctorId", false))
        .put("visitDate", MedicalInput.pastDate(v, "visitDate"))
        .put("complaint", v.text("complaint", 1, 2000))
        .put("diagnosis", v.text("diagnosis", 1, 2000))
        .put("icd10Code", MedicalInput.icd10(v, "icd10Code"))
        .put("treatment", MedicalInput.optional(v, "treatment", 4000))
        .put("notes", MedicalInput.optional(v, "notes", 4000));
    v.validate(() -> records.unknownReferences(record)).compose(valid -> records.create(caller(ctx), record)).onSuccess(created -> {
      String id = created.getString("id");
      c.audit().record(ctx, "medical_record_created", created.getJsonObject("patient").getString("userId"),
          new JsonObject().put("recordId", id));
      ctx.response().putHeader("Location", "/api/medical-records/" + id);
      Responses.json(ctx, 201, created);
    }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = recordId(ctx);
    Validator v = Validator.body(ctx, RECORD_FIELDS);
    JsonObject changes = new JsonObject();
    MedicalInput.ifPresent(v, changes, "visitDate", () -> MedicalInput.pastDate(v, "visitDate"));
    MedicalInput.ifPresent(v, changes, "complaint", () -> v.text("complaint", 1, 2000));
    MedicalInput.ifPresent(v, changes, "diagnosis", () -> v.text("diagnosis", 1, 2000));
    MedicalInput.ifPresent(v, changes, "icd10Code", () -> MedicalInput.icd10(v, "icd10Code"));
    MedicalInput.ifPresent(v, changes, "treatment", () -> MedicalInput.optional(v, "treatment", 4000));
    MedicalInput.ifPresent(v, changes, "notes", () -> MedicalInput.optional(v, "notes", 4000));
    if (v.raw().isEmpty()) {
      v.add("body", "name at least one of " + String.join(", ", RECORD_FIELDS));
    }
    v.validate();
    records.update(caller(ctx), id, changes).onSuccess(record -> {
      c.audit().record(ctx, "medical_record_updated", record.getJsonObject("patient").getString("userId"),
          new JsonObject().put("recordId", id).put("fields", new JsonArray(changes.fieldNames().stream().sorted().toList())));
      Responses.ok(ctx, record);
    }).onFailure(failure -> denied(ctx, id, failure));
  }

  private void delete(RoutingContext ctx) {
    String id = recordId(ctx);
    records.delete(caller(ctx), id).onSuccess(record -> {
      c.audit().record(ctx, "medical_record_deleted", record.getJsonObject("patient").getString("userId"),
          new JsonObject().put("recordId", id));
      Responses.noContent(ctx);
    }).onFailure(ctx::fail);
  }
}
