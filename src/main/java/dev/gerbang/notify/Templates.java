package dev.gerbang.notify;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mail templates: conf/templates/NAME.LOCALE.txt (first line "Subject: ...", then the plain-text part)
 * and NAME.LOCALE.html (the HTML part), with {{variable}} placeholders, HTML-escaped in the HTML part.
 * Read from conf/templates in the working directory when it exists (so they can be edited without a
 * build), else from the copy inside the jar. Loaded once, at start-up. The short texts of in-app and push
 * notifications, a title and a body per {@link NoticeType}, are in conf/templates/notices.LOCALE.json.
 */
public final class Templates {
  public static final String[] NAMES = {
      "verify-email", "password-reset", "password-changed", "email-change-confirm", "email-change-notice", "new-sign-in",
      "medical-record-available", "comment-on-article", "comment-reply", "admin-message", "social-sign-up",
      "identities-removed", "payment-receipt"};
  public static final String[] LOCALES = {"en", "id"};
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
  /** What may not stand in a header value: a line break there starts a new header, or the body. */
  private static final Pattern HEADER_BREAKING = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");

  /** One rendered message. */
  public record Rendered(String subject, String text, String html) {
  }

  private record Template(String subject, String text, String html) {
  }

  /** An in-app or push notification's text. */
  public record Notice(String title, String body) {
  }

  private final Map<String, Template> templates = new HashMap<>();
  private final Map<String, JsonObject> notices = new HashMap<>();
  private final String defaultLocale;

  public Templates(Path workDir, String defaultLocale) {
    this.defaultLocale = defaultLocale;
    for (String name : NAMES) {
      for (String locale : LOCALES) {
        String txt = read(workDir, name + "." + locale + ".txt");
        String html = read(workDir, name + "." + locale + ".html");
        int newline = txt.indexOf('\n');
        String first = txt.substring(0, newline);
        if (!first.startsWith("Subject: ")) {
          throw new IllegalStateException("template " + name + "." + locale + ".txt must start with 'Subject: '");
        }
        templates.put(name + "." + locale, new Template(first.substring(9).strip(), txt.substring(newline + 1).strip(), html));
      }
    }
    for (String locale : LOCALES) {
      JsonObject texts = new JsonObject(read(workDir, "notices." + locale + ".json"));
      for (NoticeType type : NoticeType.values()) {
        JsonObject text = texts.getJsonObject(type.id());
        if (text == null || text.getString("title") == null || text.getString("body") == null) {
          throw new IllegalStateException("notices." + locale + ".json needs a title and a body for " + type.id());
        }
      }
      notices.put(locale, texts);
    }
  }

  private static String read(Path workDir, String file) {
    Path local = workDir.resolve("conf/templates").resolve(file);
    try {
      if (Files.isRegularFile(local)) {
        return Files.readString(local, StandardCharsets.UTF_8);
      }
      try (InputStream in = Templates.class.getResourceAsStream("/gerbang-conf/templates/" + file)) {
        if (in == null) {
          throw new IllegalStateException("missing mail template " + file);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read mail template " + file, e);
    }
  }

  public Rendered render(String name, String locale, JsonObject variables) {
    Template template = templates.get(name + "." + locale);
    if (template == null) {
      template = templates.get(name + "." + defaultLocale);
    }
    if (template == null) {
      throw new IllegalArgumentException("no mail template " + name);
    }
    return new Rendered(headerValue(fill(template.subject(), variables, false)), fill(template.text(), variables, false),
        fill(template.html(), variables, true));
  }

  /** The notification's title and body in the locale (else the default one), placeholders filled as plain text. */
  public Notice notice(NoticeType type, String locale, JsonObject variables) {
    JsonObject texts = notices.getOrDefault(locale, notices.get(defaultLocale));
    JsonObject text = texts.getJsonObject(type.id());
    return new Notice(fill(text.getString("title"), variables, false), fill(text.getString("body"), variables, false));
  }

  private static String fill(String text, JsonObject variables, boolean html) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = variables.getValue(m.group(1));
      String s = value == null ? "" : String.valueOf(value);
      m.appendReplacement(out, Matcher.quoteReplacement(html ? escape(s) : s));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A value fit for a mail header whatever its source: every run of control characters (CR and LF among
   * them) becomes one space. Names are refused with line breaks at the API, but older rows, providers'
   * profiles and admins' texts all reach subjects.
   */
  public static String headerValue(String value) {
    return HEADER_BREAKING.matcher(value).replaceAll(" ").strip();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
