package dev.gerbang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gerbang.config.AppConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `create-admin`: the way to the first admin, run against a data dir that a server then uses. */
class AdminCommandTest {
  private static final String ADMIN_PASSWORD = "a long admin passphrase";
  private final InputStream originalIn = System.in;
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path dataDir;

  @BeforeEach
  void setUp() throws Exception {
    assumeThat(System.getenv("GERBANG_ADMIN_PASSWORD")).as("the command would read this instead of stdin").isNull();
    dataDir = Files.createTempDirectory("gerbang-admin");
  }

  @AfterEach
  void tearDown() {
    System.setIn(originalIn);
    System.setErr(originalErr);
    TestServer.deleteTree(dataDir);
  }

  private int run(String stdin, String... args) {
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      JsonObject config = new JsonObject().put("dataDir", dataDir.toString()).put("db", TestDb.config(dataDir));
      return AdminCommand.run(AppConfig.of(config), args);
    } finally {
      System.setErr(originalErr);
      System.setIn(originalIn);
    }
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void createsANewAdminWithThePasswordFromStandardInputWhoCanThenSignIn() {
    String email = TestServer.uniqueEmail();

    assertThat(run(ADMIN_PASSWORD + "\n", "--email", email, "--name", "Ibu Admin")).as(errors()).isZero();

    try (TestServer server = TestServer.startOn(dataDir, new JsonObject())) {
      JsonObject session = server.login(email, ADMIN_PASSWORD);
      JsonObject user = session.getJsonObject("user");
      assertThat(user.getJsonArray("roles")).containsExactly("admin", "user");
      assertThat(user.getString("name")).isEqualTo("Ibu Admin");
      assertThat(server.get("/api/admin/users", session.getString("accessToken")).statusCode()).isEqualTo(200);
      assertThat(TestDb.rows(dataDir, "SELECT user_id, request_id, detail FROM audit_log WHERE event = 'role_granted'"))
          .singleElement().satisfies(row -> {
            assertThat(row.get("user_id")).isEqualTo(user.getString("id"));
            assertThat(row.get("request_id")).isEqualTo("create-admin");
            assertThat(String.valueOf(row.get("detail"))).isEqualTo("{\"role\":\"admin\"}");
          });
    }
  }

  @Test
  void promotesAnExistingAccountAsItIsWithoutReadingAPassword() {
    String email = TestServer.uniqueEmail();
    String id;
    try (TestServer server = TestServer.startOn(dataDir, new JsonObject())) {
      id = server.register(email).getString("id");
    }

    assertThat(run("", "--email", email.toUpperCase())).as(errors()).isZero();

    try (TestServer server = TestServer.startOn(dataDir, new JsonObject())) {
      JsonObject user = server.login(email, TestServer.PASSWORD).getJsonObject("user");
      assertThat(user.getString("id")).isEqualTo(id);
      assertThat(user.getString("name")).isEqualTo("Test User");
      assertThat(user.getJsonArray("roles")).containsExactly("admin", "user");
    }
    assertThat(run("", "--email", email)).as("promoting twice is harmless").isZero();
    assertThat(TestDb.rows(dataDir, "SELECT user_id FROM audit_log WHERE event = 'role_granted'"))
        .as("audited once: the second run changed nothing").extracting(row -> row.get("user_id")).containsExactly(id);
  }

  @Test
  void aWeakPasswordIsRefusedWithExitCode2AndNoAccountIsCreated() {
    String email = TestServer.uniqueEmail();

    assertThat(run("short\n", "--email", email)).isEqualTo(2);
    assertThat(errors()).contains("at least 12 characters");
    assertThat(run("123qweasdzxc\n", "--email", email)).isEqualTo(2);
    assertThat(errors()).contains("most common passwords");
    assertThat(run(email + "!!\n", "--email", email)).isEqualTo(2);
    assertThat(run("\n", "--email", email)).as("an empty password").isEqualTo(2);
    assertThat(run("", "--email", email)).as("no input at all").isEqualTo(2);

    assertThat(TestDb.rows(dataDir, "SELECT id FROM users")).isEmpty();
  }

  @Test
  void aMissingEmailIsExitCode2BeforeTouchingTheDataDir() {
    assertThat(run(ADMIN_PASSWORD + "\n")).isEqualTo(2);
    assertThat(run(ADMIN_PASSWORD + "\n", "--name", "Nobody")).isEqualTo(2);
    assertThat(run(ADMIN_PASSWORD + "\n", "--email")).isEqualTo(2);
    assertThat(run(ADMIN_PASSWORD + "\n", "--email", "  ")).isEqualTo(2);

    assertThat(errors()).contains("--email");
    assertThat(dataDir.resolve("gerbang.db")).doesNotExist();
  }
}
