package dev.gerbang.medical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.medical.MedicalWorld.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "A new medical record is available": the patient is told, with a link and no health data. */
class MedicalNoticeTest {
  private Mailbox mailbox;
  private TestServer server;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config());
  }

  @AfterEach
  void stop() {
    server.close();
    mailbox.close();
  }

  @Test
  void aNewRecordMailsThePatientALinkAndNothingOfTheRecord() {
    MedicalWorld world = new MedicalWorld(server);
    Person patient = world.patient("Ayu Lestari");
    Person doctor = world.doctor("Dr. Sari", "Internal medicine");
    String email = (String) TestDb.rows(server, "SELECT email FROM users WHERE id = ?", patient.userId()).get(0).get("email");

    String recordId = world.record(doctor, patient, "2026-01-15", "Persistent dry cough at night", "Mild asthma (J45.909)");

    Mailbox.Mail mail = mailbox.awaitTo(email, "A new medical record is available");
    assertThat(mail.text()).contains(server.url("/medical-records/" + recordId)).contains("Ayu Lestari");
    for (String secret : new String[] {"cough", "asthma", "J45", "Internal medicine", "Dr. Sari", "2026-01-15"}) {
      assertThat(mail.text()).doesNotContainIgnoringCase(secret);
      assertThat(mail.html()).doesNotContainIgnoringCase(secret);
      assertThat(mail.subject()).doesNotContainIgnoringCase(secret);
    }
  }
}
