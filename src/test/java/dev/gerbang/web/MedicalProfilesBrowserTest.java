package dev.gerbang.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.gerbang.TestServer;
import dev.gerbang.medical.MedicalWorld;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** An admin creates and edits doctor and patient profiles for users who hold those roles. */
class MedicalProfilesBrowserTest extends BrowserTestBase {

  private static Locator.GetByRoleOptions named(String name) {
    return new Locator.GetByRoleOptions().setName(name).setExact(true);
  }

  private static Locator.GetByLabelOptions exact() {
    return new Locator.GetByLabelOptions().setExact(true);
  }

  private static String user(TestServer server, String name, String role) {
    String email = TestServer.uniqueEmail();
    server.register(email, TestServer.PASSWORD, name);
    server.grantRole(email, role);
    return email;
  }

  @Test
  void anAdminCreatesAndEditsADoctorAndAPatientProfile() {
    try (TestServer server = TestServer.start()) {
      String adminEmail = user(server, "Ayu Admin", "admin");
      String doctorEmail = user(server, "Dr. Sari Wijaya", "doctor");
      String patientEmail = user(server, "Dedi Kurniawan", "patient");
      user(server, "Nina Nurse", "user");
      String admin = server.login(adminEmail, TestServer.PASSWORD).getString("accessToken");

      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        Browser.signIn(tab, adminEmail, TestServer.PASSWORD);
        page.navigate("/admin");
        page.locator(".tabs").getByRole(AriaRole.LINK, named("Doctors")).click();
        assertThat(page.locator("h1")).hasText("Doctors");
        assertThat(page.locator("p.meta")).hasText("Nothing matches.");

        // A doctor profile: only users with the doctor role are offered; a bad licence is shown at its field.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New doctor profile")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog.getByLabel("Find the user", exact())).isFocused();
        Locator users = dialog.getByLabel("User", exact());
        assertThat(users.locator("option")).hasCount(2);
        assertThat(users).not().containsText("Nina Nurse");
        dialog.getByLabel("Find the user", exact()).fill("sari");
        dialog.getByRole(AriaRole.BUTTON, named("Find")).click();
        assertThat(dialog.locator("[aria-live]")).hasText("Users found: 1.");
        users.selectOption(new SelectOption().setLabel("Dr. Sari Wijaya (" + doctorEmail + ")"));
        dialog.getByLabel("Specialty", exact()).fill("Cardiology");
        dialog.getByLabel("Licence number", exact()).fill("no licence!");
        dialog.getByRole(AriaRole.BUTTON, named("Create profile")).click();
        assertThat(dialog.locator(".field[data-field=licenceNumber] .error")).hasText("must be 4 to 40 letters, digits, '.', '/' or '-'");
        assertThat(dialog.getByLabel("Licence number", exact())).hasAttribute("aria-invalid", "true");
        tab.allowConsoleError("status of 400");
        dialog.getByLabel("Licence number", exact()).fill("STR-123/2026");
        dialog.getByRole(AriaRole.BUTTON, named("Create profile")).click();
        assertThat(dialog).hasCount(0);
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Dr. Sari Wijaya"));
        assertThat(row).containsText("Cardiology");
        assertThat(row).containsText("STR-123/2026");

        row.getByRole(AriaRole.BUTTON, named("Edit Dr. Sari Wijaya")).click();
        assertThat(dialog.getByLabel("Specialty", exact())).hasValue("Cardiology");
        dialog.getByLabel("Specialty", exact()).fill("Internal medicine");
        dialog.getByRole(AriaRole.BUTTON, named("Save")).click();
        assertThat(row).containsText("Internal medicine");
        assertThat(page.locator(".news")).hasText("The profile of Dr. Sari Wijaya was saved.");
        tab.screenshot("admin-doctors");

        // A patient profile: a bad phone number is shown at its field; the record number is made when left empty.
        page.locator(".tabs").getByRole(AriaRole.LINK, named("Patients")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New patient profile")).click();
        dialog.getByLabel("User", exact()).selectOption(new SelectOption().setLabel("Dedi Kurniawan (" + patientEmail + ")"));
        dialog.getByLabel("Date of birth", exact()).fill("1990-04-12");
        dialog.getByLabel("Sex", exact()).selectOption("male");
        dialog.getByLabel("Phone", exact()).fill("call me");
        dialog.getByLabel("Address", exact()).fill("Jl. Melati 5, Bandung");
        tab.screenshot("admin-patient-new");
        dialog.getByRole(AriaRole.BUTTON, named("Create profile")).click();
        assertThat(dialog.locator(".field[data-field=phone] .error")).hasText("must be a phone number such as +62 21 555 0100");
        tab.allowConsoleError("status of 400");
        dialog.getByLabel("Phone", exact()).fill("+62 22 555 0199");
        dialog.getByRole(AriaRole.BUTTON, named("Create profile")).click();
        assertThat(dialog).hasCount(0);
        Locator patient = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Dedi Kurniawan"));
        assertThat(patient).containsText("MRN-");
        assertThat(patient).containsText("Male");

        // A second profile for the same user is refused, next to the user.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New patient profile")).click();
        dialog.getByLabel("User", exact()).selectOption(new SelectOption().setLabel("Dedi Kurniawan (" + patientEmail + ")"));
        dialog.getByLabel("Date of birth", exact()).fill("1990-04-12");
        dialog.getByLabel("Sex", exact()).selectOption("male");
        dialog.getByRole(AriaRole.BUTTON, named("Create profile")).click();
        assertThat(dialog.locator(".field[data-field=userId] .error")).hasText("This user already has such a profile");
        tab.allowConsoleError("status of 409");
        dialog.getByRole(AriaRole.BUTTON, named("Cancel")).click();
        assertThat(dialog).hasCount(0);

        patient.getByRole(AriaRole.BUTTON, named("Edit Dedi Kurniawan")).click();
        dialog.getByLabel("Medical record number", exact()).fill("RM-0001");
        dialog.getByRole(AriaRole.BUTTON, named("Save")).click();
        assertThat(patient).containsText("RM-0001");
        page.getByLabel("Search name, email or record number").fill("rm-0001");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
        assertThat(page.locator("tbody tr")).hasCount(1);
        tab.screenshot("admin-patients");
        tab.assertClean();
      }

      JsonObject doctor = server.get("/api/admin/doctors", admin).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
      assertThat(doctor.getString("specialty")).isEqualTo("Internal medicine");
      assertThat(doctor.getString("licenceNumber")).isEqualTo("STR-123/2026");
      JsonObject patient = server.get("/api/admin/patients", admin).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
      assertThat(patient.getString("medicalRecordNumber")).isEqualTo("RM-0001");
      assertThat(patient.getString("phone")).isEqualTo("+62 22 555 0199");
      assertThat(patient.getString("dateOfBirth")).isEqualTo("1990-04-12");
    }
  }

  /** Issue 20, finding 4: the care team, managed from the patient's admin page, opens and closes a history at once. */
  @Test
  void anAdminPutsADoctorOnAPatientsCareTeamAndTakesThemOffAgain() {
    try (TestServer server = TestServer.start()) {
      String adminEmail = user(server, "Ayu Admin", "admin");
      MedicalWorld world = new MedicalWorld(server);
      MedicalWorld.Person patient = world.patient("Rina Marlina");
      MedicalWorld.Person writer = world.doctor("Dr. Xaverius", "Pulmonology");
      MedicalWorld.Person joiner = world.doctor("Dr. Yohana", "Cardiology");
      String record = world.record(writer, patient, "2026-01-10", "Wheezing at night", "Asthma, mild persistent");
      assertThat(server.get("/api/medical-records/" + record, joiner.token()).statusCode()).isEqualTo(403);

      try (Browser.Tab tab = browser.open(server.url(""))) {
        Page page = tab.page();
        Browser.signIn(tab, adminEmail, TestServer.PASSWORD);
        page.navigate("/admin/patients");
        page.locator("tbody tr", new Page.LocatorOptions().setHasText("Rina Marlina"))
            .getByRole(AriaRole.LINK, named("Care team of Rina Marlina")).click();
        assertThat(page.locator("h1")).hasText("Patient");
        assertThat(page.locator("h2").first()).hasText("Rina Marlina");
        assertThat(page.getByText("No doctor is on the care team yet.")).isVisible();

        Locator add = page.locator("form", new Page.LocatorOptions().setHasText("Add a doctor to the care team"));
        add.getByRole(AriaRole.BUTTON, named("Add to the care team")).click();
        assertThat(add.locator(".field[data-field=doctorId] .error")).hasText("Choose a doctor first.");
        add.getByLabel("Find the doctor", exact()).fill("cardio");
        add.getByRole(AriaRole.BUTTON, named("Find")).click();
        assertThat(add.locator("[aria-live]")).hasText("Doctors found: 1.");
        add.getByLabel("Doctor", exact()).selectOption(new SelectOption().setLabel("Dr. Yohana · Cardiology"));
        add.getByRole(AriaRole.BUTTON, named("Add to the care team")).click();
        assertThat(page.locator(".notice.ok")).hasText("Dr. Yohana is now on the care team.");
        Locator member = page.locator("tbody tr", new Page.LocatorOptions().setHasText("Dr. Yohana"));
        assertThat(member).containsText("Cardiology");
        assertThat(page.locator("#care-team-title")).hasText("Care team (1)");
        tab.screenshot("admin-care-team");
        assertThat(server.get("/api/medical-records/" + record, joiner.token()).statusCode())
            .as("on the team: the whole history").isEqualTo(200);

        member.getByRole(AriaRole.BUTTON, named("Remove Dr. Yohana from the care team")).click();
        assertThat(page.locator(".notice.ok")).hasText("Dr. Yohana was taken off the care team.");
        assertThat(page.getByText("No doctor is on the care team yet.")).isVisible();
        tab.assertClean();
      }
      assertThat(server.get("/api/medical-records/" + record, joiner.token()).statusCode())
          .as("off the team: at once").isEqualTo(403);
    }
  }
}
