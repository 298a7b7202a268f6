package dev.gerbang.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The problem texts (src/main/resources/i18n/problems_*.properties): every language has every key, every key the
 * code uses exists and renders in every language, and no problem in the code is still English text instead of a key.
 */
class MessagesTest {
  private static final Path SOURCES = Path.of("src/main/java");
  /** A key literal: title.x, detail.x or field.x. */
  private static final Pattern KEY = Pattern.compile("\"((?:title|detail|field)(?:\\.[a-z0-9_]+)+)\"");
  /** Literals that look like keys and are not messages (article sort names), and the example in Messages' Javadoc. */
  private static final Set<String> NOT_MESSAGES = Set.of("title.asc", "title.desc", "detail.not_found.payment", "field.too_small");
  /**
   * Calls that make a problem or a field error, with an English sentence (a literal holding a space) where a key belongs.
   * Matches across line breaks, so that an argument on the next line is seen.
   */
  private static final Pattern ENGLISH_MESSAGE = Pattern.compile(
      "(?:Problem\\.\\w+|Failure\\.\\w+|new Problem|new Failure|new FieldError|\\.add|\\.pattern|invalid|invalidCursor)"
          + "\\((?:[^;\"()]|\\([^()]*\\)|\"[^\" ]*\")*\"([^\"]* [^\"]*)\"");
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  private final Messages messages = Messages.bundled();

  @Test
  void everyLanguageFileHasEveryKeyOfEveryOther() {
    assertThat(messages.languages()).contains("en", "id");
    List<String> missing = new ArrayList<>();
    for (String language : messages.languages()) {
      for (String other : messages.languages()) {
        for (String key : messages.texts(other).keySet()) {
          if (!messages.texts(language).containsKey(key)) {
            missing.add("i18n/problems_" + language + ".properties lacks the key " + key
                + " (it is in i18n/problems_" + other + ".properties)");
          }
        }
      }
    }
    assertThat(missing).as(String.join("\n", missing)).isEmpty();
  }

  @Test
  void everyTextIsNonBlankAndNamesTheSameParametersInEveryLanguage() {
    List<String> wrong = new ArrayList<>();
    for (String language : messages.languages()) {
      messages.texts(language).forEach((key, text) -> {
        if (text.isBlank()) {
          wrong.add("i18n/problems_" + language + ".properties: " + key + " is blank");
        }
        Set<String> english = params(messages.texts(Messages.ENGLISH).getOrDefault(key, ""));
        if (!params(text).equals(english)) {
          wrong.add("i18n/problems_" + language + ".properties: " + key + " names " + params(text) + ", English names " + english);
        }
      });
    }
    assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
  }

  @Test
  void everyKeyTheCodeUsesExistsAndRendersInEveryLanguage() throws IOException {
    Set<String> used = new TreeSet<>();
    for (Path file : javaSources()) {
      Matcher m = KEY.matcher(Files.readString(file));
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    used.removeAll(NOT_MESSAGES);
    assertThat(used).as("keys found in the sources").hasSizeGreaterThan(150);
    List<String> missing = new ArrayList<>();
    for (String key : used) {
      for (String language : messages.languages()) {
        if (!messages.texts(language).containsKey(key)) {
          missing.add("i18n/problems_" + language + ".properties lacks the key " + key + ", which the code uses");
          continue;
        }
        JsonObject params = new JsonObject();
        params(messages.texts(language).get(key)).forEach(name -> params.put(name, 7));
        String rendered = messages.render(language, key, params);
        if (rendered.isBlank() || rendered.equals(key) || PARAM.matcher(rendered).results().anyMatch(r -> params.containsKey(r.group(1)))) {
          missing.add(key + " does not render in " + language + ": " + rendered);
        }
      }
    }
    assertThat(missing).as(String.join("\n", missing)).isEmpty();
  }

  @Test
  void noProblemInTheCodeIsEnglishTextInsteadOfAKey() throws IOException {
    // The scan sees English behind other arguments and on the next line.
    assertThat(ENGLISH_MESSAGE.matcher("v.add(\"to\", x == null ? \"field.required\" : \"must be one\")").find()).isTrue();
    assertThat(ENGLISH_MESSAGE.matcher("Failure.conflict(\"last-admin\",\n    \"This is the last\", null)").find()).isTrue();
    assertThat(ENGLISH_MESSAGE.matcher("Problem.notFound(\"detail.not_found.user\")").find()).isFalse();
    List<String> english = new ArrayList<>();
    for (Path file : javaSources()) {
      String source = Files.readString(file);
      Matcher m = ENGLISH_MESSAGE.matcher(source);
      while (m.find()) {
        int line = (int) source.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
        english.add(file + ":" + line + ": \"" + m.group(1) + "\" is a message, not a key: add a key to every "
            + "i18n/problems_*.properties and use it here");
      }
    }
    assertThat(english).as(String.join("\n", english)).isEmpty();
  }

  @Test
  void aTextFillsItsNamedParametersAndAnUnknownKeyIsShownAsItIs() {
    assertThat(messages.render("id", "field.password.min_length", new JsonObject().put("min", 12).put("actual", 5)))
        .isEqualTo("minimal 12 karakter (sekarang 5)");
    assertThat(messages.render("en", "field.password.min_length", new JsonObject().put("min", 12).put("actual", 5)))
        .isEqualTo("must be at least 12 characters long (it has 5)");
    assertThat(messages.render("id", "Some English text from a branch without keys", null))
        .isEqualTo("Some English text from a branch without keys");
    assertThat(messages.render("xx", "field.required", null)).isEqualTo("is required");
    assertThat(Messages.fill("a {x} b {y}", new JsonObject().put("x", "$1\\"))).isEqualTo("a $1\\ b {y}");
  }

  @Test
  void negotiationFollowsQValuesAndRfc4647Lookup() {
    Set<String> both = Set.of("en", "id");
    assertThat(Language.negotiate("id-ID;q=0.9, en;q=0.8", both)).isEqualTo("id");
    assertThat(Language.negotiate("en;q=0.8, id-ID;q=0.9", both)).isEqualTo("id");
    assertThat(Language.negotiate("de, en-GB;q=0.5", both)).isEqualTo("en");
    assertThat(Language.negotiate("id;q=0, en;q=0.1", both)).isEqualTo("en");
    assertThat(Language.negotiate("fr", both)).isNull();
    assertThat(Language.negotiate("", both)).isNull();
    assertThat(Language.negotiate(null, both)).isNull();
    assertThat(Language.negotiate("id;q=2", both)).isNull();
    assertThat(Language.negotiate("en;;q", both)).isNull();
  }

  @Test
  void keysAndParametersSurviveTheEventBusWithoutTheCodec() {
    Failure failure = Failure.invalid(List.of(new FieldError("tags", "field.too_many_tags", null, new JsonObject().put("max", 10))))
        .with("extra", "x");
    // As a node without the codec receives it: the plain service exception with the debug info.
    ServiceException wire = new ServiceException(failure.failureCode(), failure.getMessage(), failure.getDebugInfo());

    Failure back = Failure.of(wire);

    assertThat(back.getMessage()).isEqualTo("detail.validation.one");
    assertThat(back.params()).isEqualTo(new JsonObject().put("count", 1).put("extra", "x"));
    assertThat(back.errors()).containsExactly(new FieldError("tags", "field.too_many_tags", null, new JsonObject().put("max", 10)));
  }

  private static Set<String> params(String text) {
    Set<String> names = new TreeSet<>();
    PARAM.matcher(text).results().forEach(r -> names.add(r.group(1)));
    return names;
  }

  private static List<Path> javaSources() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theLanguagesAreFoundFromTheFilesAlone() {
    Map<String, String> english = messages.texts("en");
    assertThat(english).containsEntry("title.validation", "Invalid request");
    assertThat(messages.texts("id")).containsEntry("title.validation", "Permintaan tidak valid");
    assertThat(messages.texts("fr")).isEmpty();
  }
}
