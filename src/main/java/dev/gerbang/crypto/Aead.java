package dev.gerbang.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for small secrets kept in the database (a TOTP secret, a webhook signing secret): base64url(IV || ciphertext || tag), with
 * associated data (the owner's id) bound in, so that a row copied onto another owner does not decrypt. The key comes
 * from the key file or the environment, never from the database alone.
 */
public final class Aead {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int IV_BYTES = 12;

  private final SecretKeySpec key;

  /** A cipher under a 32-byte key (derive one with {@link Hmac#sha256}). */
  public Aead(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes");
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  public String encrypt(String plain, String associatedData) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain text; IllegalArgumentException when the material was not sealed with this key and associated data. */
  public String decrypt(String material, String associatedData) {
    try {
      byte[] all = Base64.getUrlDecoder().decode(material);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot decrypt: wrong key or tampered material");
    }
  }
}
