package dev.gerbang.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merged settings and their typed readers: the defaults bundled in the jar (a copy of conf/config.json),
 * then conf/config.json in the working directory, then a .env file, then environment variables. Every
 * setting at path a.bCd is overridden by GERBANG_A_B_CD. Each reader names the setting's environment
 * variable in its error, so a bad value stops start-up with one line. It knows no feature: the ground floor
 * ({@link AppConfig}) and each feature (its own settings record) read what they own.
 */
public final class ConfigReader {
  private static final Logger log = LoggerFactory.getLogger(ConfigReader.class);
  private static final String DEFAULTS = "/gerbang-conf/config.json";
  /**
   * GERBANG_ variables that are read, but are not settings: where the config file is, create-admin's password,
   * and the log format (read by the log encoder before any setting is).
   */
  private static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of("GERBANG_CONFIG_FILE", "GERBANG_ADMIN_PASSWORD",
      "GERBANG_LOG_FORMAT");

  private final JsonObject json;

  private ConfigReader(JsonObject json) {
    this.json = json;
  }

  /** Reads the settings of a real start: files and environment of the given working directory. */
  public static ConfigReader load(Path workDir, Map<String, String> environment) {
    JsonObject merged = defaults();
    Path file = workDir.resolve("conf/config.json");
    String explicit = environment.get("GERBANG_CONFIG_FILE");
    if (explicit != null && !explicit.isBlank()) {
      file = workDir.resolve(explicit);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("GERBANG_CONFIG_FILE: no such file " + file);
      }
    }
    if (Files.isRegularFile(file)) {
      deepMerge(merged, readJson(file));
    }
    Map<String, String> env = new HashMap<>(DotEnv.read(workDir.resolve(".env")));
    env.putAll(environment);
    applyEnvironment(merged, env);
    return new ConfigReader(merged);
  }

  /** The defaults plus the given overrides, ignoring files and the environment: for tests and tools. */
  public static ConfigReader of(JsonObject overrides) {
    JsonObject merged = defaults();
    deepMerge(merged, overrides.copy());
    return new ConfigReader(merged);
  }

  public JsonObject json() {
    return json.copy();
  }

  /** GERBANG_ + the path in upper snake case: http.port -> GERBANG_HTTP_PORT, dataDir -> GERBANG_DATA_DIR. */
  public static String envName(String path) {
    StringBuilder name = new StringBuilder("GERBANG");
    for (String segment : path.split("\\.")) {
      name.append('_').append(segment.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }
    return name.toString();
  }

  public Object raw(String path) {
    Object node = json;
    for (String segment : path.split("\\.")) {
      if (!(node instanceof JsonObject object) || !object.containsKey(segment)) {
        throw new ConfigException(envName(path) + ": missing setting " + path);
      }
      node = object.getValue(segment);
    }
    return node;
  }

  /** A string, trimmed; empty when unset. */
  public String string(String path) {
    Object value = raw(path);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String s)) {
      throw new ConfigException(envName(path) + ": must be a string, got " + value);
    }
    return s.strip();
  }

  public String nonBlank(String path) {
    String value = string(path);
    if (value.isBlank()) {
      throw new ConfigException(envName(path) + ": must not be empty");
    }
    return value;
  }

  public int intIn(String path, int min, int max) {
    Object value = raw(path);
    long n;
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      n = number.longValue();
    } else {
      throw new ConfigException(envName(path) + ": must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(envName(path) + ": must be a whole number from " + min + " to " + max + ", got " + n);
    }
    return (int) n;
  }

  public boolean bool(String path) {
    Object value = raw(path);
    if (!(value instanceof Boolean b)) {
      throw new ConfigException(envName(path) + ": must be true or false, got '" + value + "'");
    }
    return b;
  }

  /** A list of non-empty strings (comma-separated in the environment). */
  public List<String> stringList(String path) {
    Object value = raw(path);
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(envName(path) + ": must be a list (comma-separated in the environment), got '" + value + "'");
    }
    List<String> list = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new ConfigException(envName(path) + ": every entry must be a non-empty string, got '" + item + "'");
      }
      list.add(s.strip());
    }
    return List.copyOf(list);
  }

  /** A list of web origins such as https://app.example.com (scheme, host, optional port; no path). */
  public List<String> origins(String path) {
    List<String> list = stringList(path);
    for (String origin : list) {
      if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new ConfigException(envName(path) + ": '" + origin + "' is not an origin such as https://app.example.com");
      }
    }
    return list;
  }

  private static JsonObject defaults() {
    try (InputStream in = ConfigReader.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + DEFAULTS);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS, e);
    }
  }

  private static JsonObject readJson(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException | DecodeException e) {
      throw new ConfigException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  private static void deepMerge(JsonObject target, JsonObject source) {
    for (String key : source.fieldNames()) {
      Object value = source.getValue(key);
      if (value instanceof JsonObject child && target.getValue(key) instanceof JsonObject existing) {
        deepMerge(existing, child);
      } else {
        target.put(key, value);
      }
    }
  }

  /** Overrides every known leaf from GERBANG_* variables, parsed to the type of its default. */
  private static void applyEnvironment(JsonObject config, Map<String, String> env) {
    TreeSet<String> known = new TreeSet<>();
    applyEnvironment(config, "", env, known);
    for (String name : env.keySet()) {
      if (name.startsWith("GERBANG_") && !known.contains(name) && !NOT_SETTINGS.contains(name)) {
        log.warn("ignoring unknown setting {}", name);
      }
    }
  }

  private static void applyEnvironment(JsonObject node, String prefix, Map<String, String> env, TreeSet<String> known) {
    for (String key : node.fieldNames()) {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        applyEnvironment(child, path, env, known);
        continue;
      }
      String name = envName(path);
      known.add(name);
      String text = env.get(name);
      if (text != null) {
        node.put(key, parse(name, text.strip(), value));
      }
    }
  }

  private static Object parse(String name, String text, Object example) {
    if (example instanceof Boolean) {
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
      throw new ConfigException(name + ": must be true or false, got '" + text + "'");
    }
    if (example instanceof Number) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new ConfigException(name + ": must be a whole number, got '" + text + "'");
      }
    }
    if (example instanceof JsonArray) {
      JsonArray list = new JsonArray();
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          list.add(item.strip());
        }
      }
      return list;
    }
    return text;
  }
}
