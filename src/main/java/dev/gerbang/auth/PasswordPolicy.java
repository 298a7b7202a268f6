package dev.gerbang.auth;

import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Validator;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Password rules after OWASP ASVS 4.0.3 V2.1 and NIST 800-63B: a minimum and maximum length counted in
 * characters (any Unicode), no composition rules, not the email or containing it, and not one of the
 * 30,000 most common passwords. Every rule that fails is reported, each under its own name.
 */
public final class PasswordPolicy {
  /** A failed rule: its code, its message key (see http/Messages) and the key's parameters. */
  public record Failure(String rule, String message, JsonObject params) {
  }

  private static final Set<String> COMMON = loadCommon();

  private final int minLength;
  private final int maxLength;

  public PasswordPolicy(AuthSettings config) {
    this.minLength = config.passwordMinLength();
    this.maxLength = config.passwordMaxLength();
  }

  public int minLength() {
    return minLength;
  }

  public int maxLength() {
    return maxLength;
  }

  public List<Failure> check(String password, String email) {
    List<Failure> failures = new ArrayList<>();
    String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
    int length = normalized.codePointCount(0, normalized.length());
    if (length < minLength) {
      failures.add(new Failure("min_length", "field.password.min_length", new JsonObject().put("min", minLength).put("actual", length)));
    }
    if (length > maxLength) {
      failures.add(new Failure("max_length", "field.password.max_length", new JsonObject().put("max", maxLength)));
    }
    String lower = normalized.toLowerCase(Locale.ROOT);
    if (email != null && !email.isBlank()) {
      String mail = email.strip().toLowerCase(Locale.ROOT);
      String local = mail.contains("@") ? mail.substring(0, mail.indexOf('@')) : mail;
      if (lower.contains(mail) || (local.length() >= 4 && lower.equals(local))) {
        failures.add(new Failure("contains_email", "field.password.contains_email", null));
      }
    }
    if (COMMON.contains(lower) || COMMON.contains(lower.strip())) {
      failures.add(new Failure("common", "field.password.common", null));
    }
    return failures;
  }

  /** Adds each failed rule to the validator, under the given field. */
  public void check(Validator validator, String field, String password, String email) {
    if (password != null) {
      check(password, email).forEach(f -> validator.add(new FieldError(field, f.message(), f.rule(), f.params())));
    }
  }

  private static Set<String> loadCommon() {
    Set<String> passwords = new HashSet<>(40_000);
    try (InputStream in = PasswordPolicy.class.getResourceAsStream("/auth/common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("missing resource /auth/common-passwords.txt");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          passwords.add(line.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the common password list", e);
    }
    return Set.copyOf(passwords);
  }

  static int commonCount() {
    return COMMON.size();
  }
}
