package dev.gerbang.auth;

import dev.gerbang.account.Mail;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A session to open: its id, whose it is, the hash of its first refresh token, the client's user agent and
 * address, when it expires (epoch ms), the mail that tells the user about a sign-in from a new device, and how the
 * user signed in: with a password (provider null), with a passkey alone (passkey), or with a provider, which found,
 * linked or created the account (providerOutcome existing, linked or created).
 */
@DataObject
public final class NewSession {
  private final String id;
  private final String userId;
  private final String refreshHash;
  private final String userAgent;
  private final String ip;
  private final long expiresAt;
  private final Mail newDeviceMail;
  private final String provider;
  private final String providerOutcome;
  private final boolean passkey;

  public NewSession(String id, String userId, String refreshHash, String userAgent, String ip, long expiresAt, Mail newDeviceMail,
                    String provider, String providerOutcome, boolean passkey) {
    this.id = id;
    this.userId = userId;
    this.refreshHash = refreshHash;
    this.userAgent = userAgent;
    this.ip = ip;
    this.expiresAt = expiresAt;
    this.newDeviceMail = newDeviceMail;
    this.provider = provider;
    this.providerOutcome = providerOutcome;
    this.passkey = passkey;
  }

  public NewSession(JsonObject json) {
    this(json.getString("id"), json.getString("userId"), json.getString("refreshHash"), json.getString("userAgent"),
        json.getString("ip"), json.getLong("expiresAt", 0L),
        json.getJsonObject("newDeviceMail") == null ? null : new Mail(json.getJsonObject("newDeviceMail")),
        json.getString("provider"), json.getString("providerOutcome"), json.getBoolean("passkey", false));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("userId", userId).put("refreshHash", refreshHash).put("userAgent", userAgent)
        .put("ip", ip).put("expiresAt", expiresAt).put("newDeviceMail", newDeviceMail == null ? null : newDeviceMail.toJson())
        .put("provider", provider).put("providerOutcome", providerOutcome).put("passkey", passkey);
  }

  public String id() {
    return id;
  }

  public String userId() {
    return userId;
  }

  public String refreshHash() {
    return refreshHash;
  }

  public String userAgent() {
    return userAgent;
  }

  public String ip() {
    return ip;
  }

  public long expiresAt() {
    return expiresAt;
  }

  /** Queued only when the account has signed in before, but never with this user agent; may be null. */
  public Mail newDeviceMail() {
    return newDeviceMail;
  }

  /** The provider signed in with (google, ...), or null for a password sign-in. */
  public String provider() {
    return provider;
  }

  /** For a provider sign-in: existing, linked or created. */
  public String providerOutcome() {
    return providerOutcome;
  }

  /** Signed in with a passkey alone, no password: its second factor and its first in one. */
  public boolean passkey() {
    return passkey;
  }
}
