package dev.gerbang.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The browser's side of a push subscription: a P-256 key pair, an auth secret, and the decryption a user agent
 * performs (RFC 8291 section 3.4, RFC 8188 section 2), written apart from WebPushCrypto on purpose.
 */
public final class Subscriber {
  private final KeyPair keys;
  private final byte[] publicKey;
  private final byte[] authSecret;

  Subscriber(KeyPair keys, byte[] authSecret) {
    this.keys = keys;
    this.publicKey = WebPushCrypto.rawPublicKey((ECPublicKey) keys.getPublic());
    this.authSecret = authSecret;
  }

  public static Subscriber random() {
    byte[] auth = new byte[16];
    new SecureRandom().nextBytes(auth);
    return new Subscriber(WebPushCrypto.generateKeyPair(), auth);
  }

  byte[] publicKey() {
    return publicKey.clone();
  }

  byte[] authSecret() {
    return authSecret.clone();
  }

  /** What PushSubscription.toJSON() gives the server: keys.p256dh and keys.auth in base64url without padding. */
  public String p256dh() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey);
  }

  public String auth() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(authSecret);
  }

  byte[] decrypt(byte[] body) throws GeneralSecurityException {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int recordSize = in.getInt();
    byte[] asPublic = new byte[in.get() & 0xff];
    in.get(asPublic);
    byte[] record = new byte[in.remaining()];
    in.get(record);
    assertThat(recordSize).as("rs").isEqualTo(4096);
    assertThat(asPublic).as("keyid: the application server's public key").hasSize(65);
    assertThat(record.length).as("a single record").isLessThanOrEqualTo(recordSize);

    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    ecdh.init(keys.getPrivate());
    ecdh.doPhase(WebPushCrypto.publicKey(asPublic), true);
    byte[] prkKey = hmac(authSecret, ecdh.generateSecret());
    byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), publicKey, asPublic);
    byte[] ikm = expand(prkKey, keyInfo, 32);
    byte[] prk = hmac(salt, ikm);
    byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
    byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = aes.doFinal(record);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    assertThat(end).as("a padding delimiter").isGreaterThanOrEqualTo(0);
    assertThat(padded[end]).as("the last record's delimiter").isEqualTo((byte) 2);
    return Arrays.copyOf(padded, end);
  }

  private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
    return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
    Arrays.stream(parts).forEach(out::put);
    return out.array();
  }
}
