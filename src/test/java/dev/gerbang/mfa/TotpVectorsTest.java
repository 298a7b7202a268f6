package dev.gerbang.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B (SHA-1, 8 digits, T0 = 0, X = 30) and the 6-digit window the server uses. */
class TotpVectorsTest {
  private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void rfc6238TestVectorsForSha1() {
    assertThat(Totp.code(SEED, Totp.step(59), 8)).isEqualTo("94287082");
    assertThat(Totp.code(SEED, Totp.step(1111111109), 8)).isEqualTo("07081804");
    assertThat(Totp.code(SEED, Totp.step(1111111111), 8)).isEqualTo("14050471");
    assertThat(Totp.code(SEED, Totp.step(1234567890), 8)).isEqualTo("89005924");
    assertThat(Totp.code(SEED, Totp.step(2000000000), 8)).isEqualTo("69279037");
    assertThat(Totp.code(SEED, Totp.step(20000000000L), 8)).isEqualTo("65353130");
  }

  @Test
  void aCodeMatchesItsStepAndOneStepEitherSideButNotTwo() {
    // base32 of the RFC seed
    String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    long t = 1111111111L;
    String code = Totp.code(SEED, Totp.step(t), 6);
    assertThat(Totp.matchingStep(secret, code, t)).isEqualTo(Totp.step(t));
    assertThat(Totp.matchingStep(secret, code, t + 30)).isEqualTo(Totp.step(t));
    assertThat(Totp.matchingStep(secret, code, t - 30)).isEqualTo(Totp.step(t));
    assertThat(Totp.matchingStep(secret, code, t + 60)).isEqualTo(-1);
    assertThat(Totp.matchingStep(secret, "12345", t)).isEqualTo(-1);
    assertThat(Totp.matchingStep(secret, "abcdef", t)).isEqualTo(-1);
  }

  @Test
  void theUriNamesTheIssuerTheAccountAndTheSecret() {
    String uri = Totp.uri("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "Gerbang", "ana@example.com");
    assertThat(uri).startsWith("otpauth://totp/Gerbang:ana%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Gerbang")
        .contains("period=30");
  }
}
