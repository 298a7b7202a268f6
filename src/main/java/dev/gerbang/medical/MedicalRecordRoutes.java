package dev.gerbang.medical;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.db.Ids;
import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Problem;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.medical.RecordInput.Field;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * /api/medical-records. Who may see which record is decided by {@link MedicalRecordService} next to the
 * query, and the service writes the audit trail of reads, refusals and changes; here: the roles that may call at
 * all, and the input checks.
 */
public final class MedicalRecordRoutes {
  private static final String[] RECORD_FIELDS = Arrays.stream(Field.values()).map(Field::json).toArray(String[]::new);

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

  private static String recordId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("detail.not_found.medical_record");
    }
    return id;
  }

  private void list(RoutingContext ctx) {
    JsonObject query = QueryParams.of(ctx, "q", "patientId", "doctorId", "from", "to", "limit", "cursor")
        .text("q", 100).id("patientId").id("doctorId").instant("from").instant("to").limit().cursor().validate();
    for (String bound : new String[] {"from", "to"}) {
      if (query.containsKey(bound)) {
        query.put(bound, Instant.ofEpochMilli(query.getLong(bound)).atZone(ZoneOffset.UTC).toLocalDate().toString());
      }
    }
    records.list(Audit.actor(ctx), query).onSuccess(page -> Responses.ok(ctx, page.toJson())).onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    records.read(Audit.actor(ctx), recordId(ctx)).onSuccess(record -> {
      AuthUser me = AuthUser.of(ctx);
      if (!me.userId().equals(record.patient().userId())) {
        // Someone else's record (a doctor's or an admin's read, audited): counted by the reader's role alone.
        Metrics.of(ctx.vertx()).count("gerbang.medical.record.reads", "reader", me.hasRole(Roles.ADMIN) ? "admin" : "doctor");
      }
      Responses.ok(ctx, record.toJson());
    }).onFailure(ctx::fail);
  }

  /** The record's fields in a body: every one on a create (optional ones absent are null), those present on a change. */
  private static Map<Field, String> fields(Validator v, boolean partial) {
    Map<Field, String> fields = new EnumMap<>(Field.class);
    for (Field field : Field.values()) {
      if (!partial || v.has(field.json())) {
        fields.put(field, check(v, field));
      }
    }
    return fields;
  }

  private static String check(Validator v, Field field) {
    String name = field.json();
    return switch (field) {
      case VISIT_DATE -> MedicalInput.pastDate(v, name);
      case COMPLAINT, DIAGNOSIS -> v.text(name, 1, 2000);
      case ICD10_CODE -> MedicalInput.icd10(v, name);
      case TREATMENT, NOTES -> MedicalInput.optional(v, name, 4000);
    };
  }

  private void create(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "patientId", "doctorId", "visitDate", "complaint", "diagnosis", "icd10Code",
        "treatment", "notes");
    String patientId = MedicalInput.id(v, "patientId", true);
    String doctorId = MedicalInput.id(v, "doctorId", false);
    RecordInput record = new RecordInput(patientId, doctorId, fields(v, false));
    v.validate(() -> records.unknownReferences(record).map(FieldError::toJsonArray))
        .compose(valid -> records.create(Audit.actor(ctx), record)).onSuccess(created -> {
          ctx.response().putHeader("Location", "/api/medical-records/" + created.id());
          Responses.json(ctx, 201, created.toJson());
        }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    String id = recordId(ctx);
    Validator v = Validator.body(ctx, RECORD_FIELDS);
    RecordInput changes = new RecordInput(null, null, fields(v, true));
    if (v.raw().isEmpty()) {
      v.add("body", "field.body.record", new JsonObject().put("fields", String.join(", ", RECORD_FIELDS)));
    }
    v.validate();
    records.update(Audit.actor(ctx), id, changes).onSuccess(record -> Responses.ok(ctx, record.toJson())).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    records.delete(Audit.actor(ctx), recordId(ctx)).onSuccess(done -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }
}
