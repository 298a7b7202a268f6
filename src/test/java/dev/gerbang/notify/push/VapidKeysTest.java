package dev.gerbang.notify.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VAPID key pair lives in the data dir, survives restarts, stays private, and signs RFC 8292 tokens. */
class VapidKeysTest {
  private Path root;
  private Path dataDir;

  @BeforeEach
  void makeDirs() throws Exception {
    root = Files.createTempDirectory("gerbang-vapid");
    dataDir = root.resolve("data");
  }

  @AfterEach
  void removeDirs() {
    TestServer.deleteTree(root);
  }

  @Test
  void theKeyPairIsCreatedOnceThenLoadedIdentically() throws Exception {
    VapidKeys first = VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(dataDir));
    String stored = Files.readString(dataDir.resolve("vapid.json"));

    VapidKeys second = VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(dataDir));

    assertThat(second.publicKeyBase64Url()).isEqualTo(first.publicKeyBase64Url());
    assertThat(Files.readString(dataDir.resolve("vapid.json"))).isEqualTo(stored);
    assertThat(WebPushCrypto.isValidPublicKey(Base64.getUrlDecoder().decode(first.publicKeyBase64Url()))).isTrue();
    assertThat(first.publicKeyBase64Url()).doesNotContain("=").hasSize(87);
    // The reloaded private key is the same one: its signature verifies with the key created first.
    Jwts.vapidClaims(second.authorization("https://push.example.net/x", "mailto:ops@gerbang.dev", 1_700_000_000L),
        first.publicKeyBase64Url());
    assertThat(VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(Files.createDirectories(root.resolve("other")))).publicKeyBase64Url())
        .as("another data dir, another server").isNotEqualTo(first.publicKeyBase64Url());
  }

  @Test
  void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
    VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(dataDir));
    Path file = dataDir.resolve("vapid.json");
    assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(dataDir.resolve("vapid.json.tmp")).doesNotExist();
  }

  @Test
  void theAuthorizationIsAnEs256TokenForTheEndpointsOriginValidTwelveHours() throws Exception {
    VapidKeys keys = VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(dataDir));
    long now = 1_700_000_000L;

    String authorization = keys.authorization("https://updates.push.services.mozilla.com/wpush/v2/gAAAA", "mailto:ops@gerbang.dev", now);

    JsonObject claims = Jwts.vapidClaims(authorization, keys.publicKeyBase64Url());
    assertThat(claims).isEqualTo(new JsonObject()
        .put("aud", "https://updates.push.services.mozilla.com")
        .put("exp", now + 12 * 3600)
        .put("sub", "mailto:ops@gerbang.dev"));
  }

  @Test
  void theAudienceIsTheOriginWithAPortOnlyWhenItIsNotTheDefault() {
    assertThat(VapidKeys.audience("https://fcm.googleapis.com/fcm/send/abc:def")).isEqualTo("https://fcm.googleapis.com");
    assertThat(VapidKeys.audience("https://push.example:443/a?b=c")).isEqualTo("https://push.example");
    assertThat(VapidKeys.audience("https://push.example:8443/a")).isEqualTo("https://push.example:8443");
    assertThat(VapidKeys.audience("HTTP://Push.Example:80/a")).isEqualTo("http://push.example");
    assertThat(VapidKeys.audience("http://127.0.0.1:8080/a")).isEqualTo("http://127.0.0.1:8080");
    assertThat(VapidKeys.audience("https://[::1]:9443/a")).isEqualTo("https://[::1]:9443");
    for (String bad : new String[] {"ftp://push.example/a", "/relative/path", "not a url", "https:///no-host", ""}) {
      assertThatThrownBy(() -> VapidKeys.audience(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theSubjectMustBeAMailtoOrHttpsUrl() {
    VapidKeys keys = VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(dataDir));
    keys.authorization("https://push.example/a", "https://gerbang.dev/contact", 0);
    for (String bad : new String[] {"ops@gerbang.dev", "http://gerbang.dev", "mailto:", "", null}) {
      assertThatThrownBy(() -> keys.authorization("https://push.example/a", bad, 0)).as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mailto: or https:");
    }
  }

  @Test
  void aDamagedKeyFileStopsTheStartWithAClearErrorThatDoesNotQuoteIt() throws Exception {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve("vapid.json");
    Files.writeString(file, "{\"privateKey\": \"s3cr3t-do-not-print\", oops");

    assertThatThrownBy(() -> VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(dataDir))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString()).hasMessageNotContaining("s3cr3t");

    JsonObject mine = new JsonObject(createAndRead(root.resolve("a")));
    JsonObject theirs = new JsonObject(createAndRead(root.resolve("b")));
    Files.writeString(file, mine.copy().put("publicKey", theirs.getString("publicKey")).encode());
    assertThatThrownBy(() -> VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(dataDir))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not belong").hasMessageNotContaining(mine.getString("privateKey"));
  }

  private static String createAndRead(Path dir) throws Exception {
    VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(dir));
    return Files.readString(dir.resolve("vapid.json"));
  }
}
