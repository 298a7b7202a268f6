package dev.gerbang.notify.push;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 8291 Web Push message encryption (content coding aes128gcm, RFC 8188) with JDK crypto only, and the
 * P-256 key conversions it needs. Pure computation: safe on an event loop.
 */
public final class WebPushCrypto {
  /** The largest plaintext one push message holds: 4096 bytes less the 86-byte header, 16-byte tag and delimiter. */
  public static final int MAX_PLAINTEXT = 3993;

  static final int RECORD_SIZE = 4096;
  static final ECParameterSpec P256 = p256();
  private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ONE = {1};
  private static final byte LAST_RECORD_DELIMITER = 2;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebPushCrypto() {
  }

  /** Encrypts for the subscription's p256dh point and auth secret with a fresh server key pair and salt. */
  public static byte[] encrypt(byte[] plaintext, byte[] uaPublic65, byte[] authSecret16) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return encrypt(plaintext, uaPublic65, authSecret16, generateKeyPair(), salt);
  }

  /** The same with a chosen server key pair and salt, which only a test vector should ever choose. */
  static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, KeyPair asKeys, byte[] salt) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("the payload is " + plaintext.length + " bytes; a push message holds " + MAX_PLAINTEXT);
    }
    if (authSecret.length != 16 || salt.length != 16) {
      throw new IllegalArgumentException("the auth secret and the salt must be 16 bytes");
    }
    ECPublicKey ua = publicKey(uaPublic);
    byte[] asPublic = rawPublicKey((ECPublicKey) asKeys.getPublic());
    try {
      KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
      ecdh.init(asKeys.getPrivate());
      ecdh.doPhase(ua, true);
      // HKDF with outputs of at most one SHA-256 block: extract = HMAC(salt, ikm), expand = HMAC(prk, info || 0x01).
      byte[] prkKey = hmac(authSecret, ecdh.generateSecret());
      byte[] ikm = hmac(prkKey, concat(KEY_INFO, uaPublic, asPublic, ONE));
      byte[] prk = hmac(salt, ikm);
      byte[] cek = Arrays.copyOf(hmac(prk, concat(CEK_INFO, ONE)), 16);
      byte[] nonce = Arrays.copyOf(hmac(prk, concat(NONCE_INFO, ONE)), 12);
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
      byte[] record = aes.doFinal(concat(plaintext, new byte[] {LAST_RECORD_DELIMITER}));
      return ByteBuffer.allocate(16 + 4 + 1 + asPublic.length + record.length)
          .put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(record)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Web Push encryption failed", e);
    }
  }

  /** True for a 65-byte uncompressed P-256 point (0x04 || x || y) that lies on the curve. */
  public static boolean isValidPublicKey(byte[] raw) {
    if (raw == null || raw.length != 65 || raw[0] != 4) {
      return false;
    }
    BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(raw, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(raw, 33, 65));
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger right = x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
    return y.pow(2).mod(p).equals(right);
  }

  static ECPublicKey publicKey(byte[] raw) {
    if (!isValidPublicKey(raw)) {
      throw new IllegalArgumentException("not an uncompressed P-256 point on the curve");
    }
    ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(raw, 1, 33)), new BigInteger(1, Arrays.copyOfRange(raw, 33, 65)));
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a usable P-256 public key", e);
    }
  }

  static byte[] rawPublicKey(ECPublicKey key) {
    return concat(new byte[] {4}, fixed32(key.getW().getAffineX()), fixed32(key.getW().getAffineY()));
  }

  static ECPrivateKey privateKey(byte[] scalar) {
    BigInteger s = new BigInteger(1, scalar);
    if (scalar.length != 32 || s.signum() == 0 || s.compareTo(P256.getOrder()) >= 0) {
      throw new IllegalArgumentException("not a 32-byte P-256 private scalar");
    }
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, P256));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a usable P-256 private key", e);
    }
  }

  static byte[] rawPrivateKey(ECPrivateKey key) {
    return fixed32(key.getS());
  }

  static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(P256, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make P-256 keys", e);
    }
  }

  private static byte[] fixed32(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length == 32) {
      return bytes;
    }
    byte[] out = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
    return out;
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
    for (byte[] part : parts) {
      out.put(part);
    }
    return out.array();
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no P-256", e);
    }
  }
}
