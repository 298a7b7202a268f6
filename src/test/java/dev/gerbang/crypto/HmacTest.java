package dev.gerbang.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The one HMAC-SHA256 that every key derivation uses. */
class HmacTest {
  @Test
  void matchesTheRfc4231TestVector() {
    // RFC 4231, test case 2.
    byte[] mac = Hmac.sha256("Jefe".getBytes(StandardCharsets.UTF_8), "what do ya want for nothing?");
    assertThat(HexFormat.of().formatHex(mac)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void derivesBase64UrlWithoutPaddingAndDifferentPurposesDiffer() {
    byte[] key = new byte[32];
    String token = Hmac.derive(key, "account-token:1");
    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Hmac.derive(key, "account-token:2")).isNotEqualTo(token);
    assertThat(Hmac.derive(key, "account-token:1")).isEqualTo(token);
  }
}
