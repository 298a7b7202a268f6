package dev.gerbang.social;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * Who a provider says signed in: its name for the provider, the user's id there (subject), the email and whether
 * the provider verified it, the name and picture it gives; locale is null unless known (the account then gets en).
 */
@DataObject
public final class Profile {
  private final String provider;
  private final String subject;
  private final String email;
  private final boolean emailVerified;
  private final String name;
  private final String avatarUrl;
  private final String locale;

  public Profile(String provider, String subject, String email, boolean emailVerified, String name, String avatarUrl,
                 String locale) {
    this.provider = provider;
    this.subject = subject;
    this.email = email;
    this.emailVerified = emailVerified;
    this.name = name;
    this.avatarUrl = avatarUrl;
    this.locale = locale;
  }

  public Profile(JsonObject json) {
    this(json.getString("provider"), json.getString("subject"), json.getString("email"), json.getBoolean("emailVerified", false),
        json.getString("name"), json.getString("avatarUrl"), json.getString("locale"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("provider", provider).put("subject", subject).put("email", email)
        .put("emailVerified", emailVerified).put("name", name).put("avatarUrl", avatarUrl).put("locale", locale);
  }

  public String provider() {
    return provider;
  }

  public String subject() {
    return subject;
  }

  public String email() {
    return email;
  }

  public boolean emailVerified() {
    return emailVerified;
  }

  public String name() {
    return name;
  }

  public String avatarUrl() {
    return avatarUrl;
  }

  public String locale() {
    return locale;
  }
}
