package dev.gerbang.notify.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** RFC 8291 encryption: the RFC's own example byte for byte, and what a browser decrypts from ours. */
class WebPushCryptoTest {
  // RFC 8291 Appendix A, "Push Message Encryption Example" (base64url as printed there, lines joined).
  private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
  private static final byte[] AS_PUBLIC = b64("BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8");
  private static final byte[] AS_PRIVATE = b64("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw");
  private static final byte[] UA_PUBLIC = b64("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4");
  private static final byte[] UA_PRIVATE = b64("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94");
  private static final byte[] SALT = b64("DGv6ra1nlYgDCS1FRnbzlw");
  private static final byte[] AUTH_SECRET = b64("BTBZMqHH6r4Tts7J_aSIgg");
  private static final byte[] BODY = b64("DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
      + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
      + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN");

  private static byte[] b64(String text) {
    return Base64.getUrlDecoder().decode(text);
  }

  private static Subscriber rfcSubscriber() {
    return new Subscriber(new KeyPair(WebPushCrypto.publicKey(UA_PUBLIC), WebPushCrypto.privateKey(UA_PRIVATE)), AUTH_SECRET);
  }

  @Test
  void reproducesTheRfc8291AppendixAExampleByteForByte() {
    KeyPair server = new KeyPair(WebPushCrypto.publicKey(AS_PUBLIC), WebPushCrypto.privateKey(AS_PRIVATE));

    byte[] body = WebPushCrypto.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), UA_PUBLIC, AUTH_SECRET, server, SALT);

    assertThat(body).isEqualTo(BODY);
  }

  @Test
  void theTestsOwnDecryptionReadsTheRfcExample() throws Exception {
    // Anchors the user-agent side used by the other tests to the RFC, independently of our encryption.
    assertThat(new String(rfcSubscriber().decrypt(BODY), StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
  }

  @Test
  void rawKeysConvertToJdkKeysAndBack() {
    assertThat(WebPushCrypto.rawPublicKey(WebPushCrypto.publicKey(UA_PUBLIC))).isEqualTo(UA_PUBLIC);
    assertThat(WebPushCrypto.rawPrivateKey(WebPushCrypto.privateKey(UA_PRIVATE))).isEqualTo(UA_PRIVATE);
    for (int i = 0; i < 50; i++) {
      // Some generated coordinates and scalars start with zero bytes: the raw forms keep their fixed widths.
      Subscriber subscriber = Subscriber.random();
      assertThat(subscriber.publicKey()).hasSize(65);
      assertThat(WebPushCrypto.rawPublicKey(WebPushCrypto.publicKey(subscriber.publicKey()))).isEqualTo(subscriber.publicKey());
    }
  }

  @Test
  void aSubscriberDecryptsWhatWeEncryptWithAFreshSaltAndKeyEachTime() throws Exception {
    Subscriber subscriber = Subscriber.random();
    byte[] plaintext = "{\"title\":\"Naïve café ☕\",\"path\":\"/articles/42\"}".getBytes(StandardCharsets.UTF_8);

    byte[] first = WebPushCrypto.encrypt(plaintext, subscriber.publicKey(), subscriber.authSecret());
    byte[] second = WebPushCrypto.encrypt(plaintext, subscriber.publicKey(), subscriber.authSecret());

    assertThat(subscriber.decrypt(first)).isEqualTo(plaintext);
    assertThat(subscriber.decrypt(second)).isEqualTo(plaintext);
    assertThat(Arrays.copyOf(first, 16)).as("salt").isNotEqualTo(Arrays.copyOf(second, 16));
    assertThat(Arrays.copyOfRange(first, 21, 86)).as("server key").isNotEqualTo(Arrays.copyOfRange(second, 21, 86));
    assertThat(first).hasSize(86 + plaintext.length + 1 + 16);
    assertThat(ByteBuffer.wrap(first, 16, 4).getInt()).as("rs").isEqualTo(4096);
    assertThat(first[20]).as("idlen").isEqualTo((byte) 65);
  }

  @Test
  void theLargestPayloadFillsExactlyOneMessageAndOneByteMoreIsRefused() throws Exception {
    Subscriber subscriber = Subscriber.random();
    byte[] largest = new byte[WebPushCrypto.MAX_PLAINTEXT];
    Arrays.fill(largest, (byte) 'x');

    byte[] body = WebPushCrypto.encrypt(largest, subscriber.publicKey(), subscriber.authSecret());

    assertThat(body).hasSize(4096);
    assertThat(subscriber.decrypt(body)).isEqualTo(largest);
    assertThatThrownBy(() -> WebPushCrypto.encrypt(new byte[3994], subscriber.publicKey(), subscriber.authSecret()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3993");
  }

  @Test
  void keysThatAreNotUncompressedP256PointsAreRejected() {
    byte[] offCurve = UA_PUBLIC.clone();
    offCurve[64] ^= 1;
    byte[] compressedPrefix = UA_PUBLIC.clone();
    compressedPrefix[0] = 2;
    byte[] beyondTheField = new byte[65];
    Arrays.fill(beyondTheField, (byte) 0xff);
    beyondTheField[0] = 4;
    byte[] origin = new byte[65];
    origin[0] = 4;

    assertThat(WebPushCrypto.isValidPublicKey(UA_PUBLIC)).isTrue();
    assertThat(WebPushCrypto.isValidPublicKey(AS_PUBLIC)).isTrue();
    for (byte[] bad : new byte[][] {null, new byte[0], Arrays.copyOf(UA_PUBLIC, 64), Arrays.copyOf(UA_PUBLIC, 66),
        offCurve, compressedPrefix, beyondTheField, origin}) {
      assertThat(WebPushCrypto.isValidPublicKey(bad)).as(bad == null ? "null" : Base64.getEncoder().encodeToString(bad)).isFalse();
    }
    byte[] plaintext = PLAINTEXT.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WebPushCrypto.encrypt(plaintext, offCurve, AUTH_SECRET)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebPushCrypto.encrypt(plaintext, UA_PUBLIC, Arrays.copyOf(AUTH_SECRET, 15)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebPushCrypto.privateKey(new byte[32])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebPushCrypto.privateKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }
}
