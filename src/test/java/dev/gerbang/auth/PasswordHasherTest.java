package dev.gerbang.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.config.ConfigReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Argon2id as the reference implementation computes it, hash after hash on one thread (whose memory the hasher
 * reuses from one hash to the next), with the configured parameters and with others (a stored hash made before
 * the settings changed); the dummy check never matches.
 */
class PasswordHasherTest {
  /** The argon2 reference CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1. */
  private static final String REFERENCE = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private PasswordHasher hasher(int memoryKib) {
    return new PasswordHasher(vertx, AuthSettings.from(ConfigReader.of(new JsonObject()
        .put("password", new JsonObject().put("argon2", new JsonObject().put("memoryKib", memoryKib).put("iterations", 2))))));
  }

  @Test
  void theReferenceVectorMatchesWithTheConfiguredParametersAndOthers() {
    PasswordHasher same = hasher(65536);
    for (int i = 0; i < 3; i++) {
      assertThat(same.verifyNow("password", REFERENCE)).as("reused memory, round " + i).isTrue();
      assertThat(same.verifyNow("passwore", REFERENCE)).isFalse();
    }
    PasswordHasher other = hasher(8192);
    assertThat(other.verifyNow("password", REFERENCE)).as("other configured parameters").isTrue();
  }

  @Test
  void hashesMadeOneAfterAnotherOnOneThreadEachVerifyAndDiffer() {
    PasswordHasher hasher = hasher(8192);
    String first = hasher.hashNow("correct horse battery staple");
    String second = hasher.hashNow("correct horse battery staple");
    assertThat(first).startsWith("$argon2id$v=19$m=8192,t=2,p=1$").isNotEqualTo(second);
    assertThat(hasher.verifyNow("correct horse battery staple", first)).isTrue();
    assertThat(hasher.verifyNow("correct horse battery staple", second)).isTrue();
    assertThat(hasher.verifyNow("correct horse battery stapler", first)).isFalse();
    assertThat(hasher.verify("correct horse battery staple", first).await()).isTrue();
    assertThat(hasher.verifyDummy("anything at all").await()).isFalse();
  }
}
