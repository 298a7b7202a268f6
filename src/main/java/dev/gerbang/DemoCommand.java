package dev.gerbang;

import static dev.gerbang.DatabaseCommand.await;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditEntry;
import dev.gerbang.audit.AuditService;
import dev.gerbang.config.AppConfig;
import dev.gerbang.medical.CareTeamService;
import dev.gerbang.medical.DoctorInput;
import dev.gerbang.medical.DoctorProfile;
import dev.gerbang.medical.MedicalProfileService;
import dev.gerbang.medical.MedicalRecordService;
import dev.gerbang.medical.PatientInput;
import dev.gerbang.medical.PatientProfile;
import dev.gerbang.medical.RecordInput;
import dev.gerbang.payment.CatalogueService;
import dev.gerbang.payment.ProductInput;
import dev.gerbang.user.Roles;
import dev.gerbang.user.User;
import dev.gerbang.user.Registration;
import dev.gerbang.user.UserQuery;
import dev.gerbang.user.UserService;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `seed-demo [--force]`: an admin, an editor, two doctors, three patients with their care teams, a dozen medical
 * records, and a blog with comments, likes and notifications ({@link DemoBlog}), with the demo credentials printed
 * (and documented in the README and docs/medical-records.md). It refuses a database that already holds users
 * unless forced; forced, demo accounts that already exist are reused as they are.
 */
public final class DemoCommand {
  /** The password of every demo account: documented, so never use seed-demo on a real deployment. */
  public static final String PASSWORD = "gerbang-demo-2026";
  public static final String ADMIN = "admin@demo.gerbang.dev";
  public static final String[][] DOCTORS = {
      {"sari@demo.gerbang.dev", "dr. Sari Wijaya", "Internal medicine", "SIP-3171-2020-0001"},
      {"hendra@demo.gerbang.dev", "dr. Hendra Gunawan", "Pediatrics", "SIP-3171-2019-0042"}};
  public static final String[][] PATIENTS = {
      {"ayu@demo.gerbang.dev", "Ayu Lestari", "1990-04-12", "female", "+62 812 5550 1001", "Jl. Melati 5, Bandung"},
      {"dedi@demo.gerbang.dev", "Dedi Kurniawan", "1975-11-03", "male", "+62 812 5550 1002", "Jl. Kenanga 12, Jakarta"},
      {"rina@demo.gerbang.dev", "Rina Marlina", "2016-07-21", "female", "+62 812 5550 1003", "Jl. Mawar 8, Surabaya"}};
  /**
   * Care teams, patient index to doctor indexes: Ayu's is dr. Sari (dr. Hendra wrote one record of hers, and reads
   * only that one), Dedi's both, Rina's dr. Hendra.
   */
  public static final int[][] CARE_TEAMS = {{0}, {0, 1}, {1}};
  /** The shop's catalogue: name, description, price in minor units, currency (IDR has none: whole rupiah). */
  static final String[][] PRODUCTS = {
      {"Konsultasi online 30 menit", "A 30-minute video consultation with a general practitioner", "150000", "IDR"},
      {"Paket cek kesehatan dasar", "Blood count, blood sugar and cholesterol at a partner lab", "450000", "IDR"},
      {"Premium membership (1 year)", "Ad-free articles and priority support", "4900", "USD"},
  };

  /** patient index, doctor index, visit date, complaint, diagnosis, ICD-10, treatment. */
  private static final String[][] RECORDS = {
      {"0", "0", "2025-03-04", "Wheezing and shortness of breath at night", "Asthma, unspecified", "J45.909", "Salbutamol inhaler as needed"},
      {"0", "0", "2025-05-19", "Follow-up of asthma", "Asthma, partly controlled", "J45.909", "Add budesonide inhaler twice daily"},
      {"0", "1", "2025-06-02", "Sore throat and fever for two days", "Acute pharyngitis", "J02.9", "Paracetamol, fluids, rest"},
      {"0", "0", "2025-08-14", "Epigastric pain after meals", "Gastritis", "K29.70", "Omeprazole 20 mg for four weeks"},
      {"0", "0", "2025-10-01", "Annual check-up", "No acute findings", null, "Continue current inhalers"},
      {"1", "0", "2025-02-10", "Thirst and frequent urination", "Type 2 diabetes mellitus without complications", "E11.9", "Metformin 500 mg twice daily, diet advice"},
      {"1", "0", "2025-04-22", "Headache, high blood pressure at home", "Essential hypertension", "I10", "Amlodipine 5 mg daily"},
      {"1", "1", "2025-07-09", "Low back pain after lifting", "Low back pain", "M54.5", "Ibuprofen, physiotherapy"},
      {"1", "0", "2025-09-30", "Diabetes follow-up", "Type 2 diabetes mellitus, controlled", "E11.9", "Continue metformin; HbA1c in 3 months"},
      {"2", "1", "2025-01-15", "High fever and joint pain for three days", "Dengue fever", "A90", "Oral fluids, paracetamol, daily platelet count"},
      {"2", "1", "2025-06-27", "Itchy red patches on elbows", "Atopic dermatitis", "L20.9", "Emollients, hydrocortisone 1% cream"},
      {"2", "1", "2025-11-05", "Diarrhoea since yesterday", "Gastroenteritis", "A09", "Oral rehydration salts, zinc"}};

  private DemoCommand() {
  }

  public static int run(AppConfig config, String[] args) {
    boolean force = Arrays.asList(args).contains("--force");
    return DatabaseCommand.run(config, "seed-demo", (vertx, c) -> {
      if (!c.policy().check(PASSWORD, null).isEmpty()) {
        System.err.println("gerbang: the demo password does not pass this server's password policy");
        return 2;
      }
      UserService users = UserService.proxy(vertx);
      long existing = await(users.search(new UserQuery(null, null, null, 1, null))).total();
      if (existing > 0 && !force) {
        System.err.println("gerbang: this database already holds " + existing + " user(s): seed-demo adds demo accounts "
            + "with a published password, so it refuses. Use an empty data dir, or add --force.");
        return 3;
      }
      String hash = await(c.hasher().hash(PASSWORD));
      Map<String, User> people = new LinkedHashMap<>();
      people.put(ADMIN, account(users, hash, ADMIN, "Demo Admin", Roles.ADMIN));
      people.put(DemoBlog.EDITOR, account(users, hash, DemoBlog.EDITOR, "Putri Anggraini", Roles.EDITOR));
      MedicalProfileService profiles = MedicalProfileService.proxy(vertx);
      List<String> doctorIds = new java.util.ArrayList<>();
      for (String[] d : DOCTORS) {
        User user = account(users, hash, d[0], d[1], Roles.DOCTOR);
        people.put(d[0], user);
        DoctorProfile profile = await(profiles.doctorOfUser(user.id()));
        if (profile == null) {
          profile = await(profiles.saveOwnDoctor(as(user), new DoctorInput(null,
              Map.of(DoctorInput.Field.SPECIALTY, d[2], DoctorInput.Field.LICENCE_NUMBER, d[3]))));
        }
        doctorIds.add(profile.id());
      }
      List<String> patientIds = new java.util.ArrayList<>();
      for (String[] p : PATIENTS) {
        User user = account(users, hash, p[0], p[1], Roles.PATIENT);
        people.put(p[0], user);
        PatientProfile profile = await(profiles.patientOfUser(user.id()));
        if (profile == null) {
          profile = await(profiles.saveOwnPatient(as(user), new PatientInput(null, Map.of(PatientInput.Field.DATE_OF_BIRTH, p[2],
              PatientInput.Field.SEX, p[3], PatientInput.Field.PHONE, p[4], PatientInput.Field.ADDRESS, p[5]))));
        }
        patientIds.add(profile.id());
      }
      CareTeamService teams = CareTeamService.proxy(vertx);
      for (int p = 0; p < CARE_TEAMS.length; p++) {
        for (int d : CARE_TEAMS[p]) {
          await(teams.assign(as(people.get(ADMIN)), patientIds.get(p), doctorIds.get(d)));
        }
      }
      MedicalRecordService records = MedicalRecordService.proxy(vertx);
      for (String[] r : RECORDS) {
        User doctor = people.get(DOCTORS[Integer.parseInt(r[1])][0]);
        Map<RecordInput.Field, String> fields = new EnumMap<>(RecordInput.Field.class);
        fields.put(RecordInput.Field.VISIT_DATE, r[2]);
        fields.put(RecordInput.Field.COMPLAINT, r[3]);
        fields.put(RecordInput.Field.DIAGNOSIS, r[4]);
        fields.put(RecordInput.Field.ICD10_CODE, r[5]);
        fields.put(RecordInput.Field.TREATMENT, r[6]);
        fields.put(RecordInput.Field.NOTES, null);
        await(records.create(as(doctor), new RecordInput(patientIds.get(Integer.parseInt(r[0])), null, fields)));
      }
      String blog = DemoBlog.seed(vertx, people);
      CatalogueService catalogue = CatalogueService.proxy(vertx);
      for (String[] product : PRODUCTS) {
        await(catalogue.create(as(people.get(ADMIN)), new ProductInput(product[0], product[1], Long.parseLong(product[2]),
            product[3], true)));
      }
      await(AuditService.proxy(vertx).record(AuditEntry.system("demo_seeded", null,
          new JsonObject().put("records", RECORDS.length))));
      System.out.println("Demo data ready: 1 admin, 1 editor, " + DOCTORS.length + " doctors, " + PATIENTS.length + " patients, "
          + RECORDS.length + " medical records, " + PRODUCTS.length + " products on sale; " + blog + ". Every demo account's password is: " + PASSWORD);
      people.forEach((email, user) -> System.out.println("  " + String.join(", ", user.roles()) + "  " + email));
      return 0;
    });
  }

  /** The seed acting as this demo account, as the account would through the API (and so audited as it). */
  private static Actor as(User user) {
    return new Actor(user.id(), user.roles(), null, "seed-demo");
  }

  /** The account with this email, created when missing, holding the role. */
  private static User account(UserService users, String hash, String email, String name, String role) throws Exception {
    if (await(users.findCredentials(email)) == null) {
      await(users.register(new Registration(email, name, hash), Actor.system("seed-demo")));
    }
    return await(users.grantRole(Actor.system("seed-demo"), email, role));
  }

}
