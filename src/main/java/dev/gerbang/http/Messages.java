package dev.gerbang.http;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of problem details, one resource file per language: {@code i18n/problems_<language>.properties} (UTF-8,
 * a language being an ISO 639 code such as en or id). The languages are found by probing every ISO 639 code, so a
 * new language is one new file and no code. Failures carry a key such as {@code detail.not_found.user} and, where a
 * text needs them, named parameters ({@code {min}} in the text); {@link FailureHandler} renders them here.
 *
 * <p>To add a problem message: add its key to every {@code problems_*.properties} (a test fails naming the key
 * and the file that lacks it) and fail with the key, e.g. {@code Failure.notFound("detail.not_found.payment")} or
 * {@code v.add("amount", "field.too_small", Map.of("min", 1))}. A text that is no key is shown as it is, in
 * English, and fails the test that scans the sources for untranslated messages.
 */
public final class Messages {
  public static final String ENGLISH = "en";
  private static final String FILE = "i18n/problems_%s.properties";
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");
  private static final Messages BUNDLED = load(Messages.class.getClassLoader());

  private final Map<String, Map<String, String>> byLanguage;

  Messages(Map<String, Map<String, String>> byLanguage) {
    if (!byLanguage.containsKey(ENGLISH)) {
      throw new IllegalStateException("no " + String.format(FILE, ENGLISH) + " on the class path");
    }
    this.byLanguage = Collections.unmodifiableMap(byLanguage);
  }

  /** The texts shipped on the class path. */
  public static Messages bundled() {
    return BUNDLED;
  }

  static Messages load(ClassLoader loader) {
    Map<String, Map<String, String>> found = new TreeMap<>();
    for (String language : Locale.getISOLanguages()) {
      String name = String.format(FILE, language);
      try (InputStream in = loader.getResourceAsStream(name)) {
        if (in != null) {
          Properties texts = new Properties();
          texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
          Map<String, String> map = new TreeMap<>();
          texts.stringPropertyNames().forEach(key -> map.put(key, texts.getProperty(key)));
          found.put(language, Collections.unmodifiableMap(map));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name, e);
      }
    }
    return new Messages(found);
  }

  /** The languages there are texts for, such as [en, id]. */
  public java.util.Set<String> languages() {
    return byLanguage.keySet();
  }

  /** Every key and text of one language (empty for an unknown one). */
  public Map<String, String> texts(String language) {
    return byLanguage.getOrDefault(language, Map.of());
  }

  /**
   * The text of a key in a language, its {name} parameters filled in; the English text when the language lacks
   * the key; the key itself, as it is, when no language has it (an English text from code not yet given keys).
   */
  public String render(String language, String key, JsonObject params) {
    if (key == null) {
      return null;
    }
    String text = texts(language).get(key);
    if (text == null) {
      text = texts(ENGLISH).getOrDefault(key, key);
    }
    return fill(text, params);
  }

  static String fill(String text, JsonObject params) {
    if (params == null || params.isEmpty() || text.indexOf('{') < 0) {
      return text;
    }
    Matcher m = PARAM.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = params.getValue(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
    }
    return m.appendTail(out).toString();
  }
}
