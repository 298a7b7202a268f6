package dev.gerbang.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression reads, enough to hold the docs' queries against a scrape: the metric names of its
 * selectors, the label names their matchers use, and the labels of its by/without/on/ignoring clauses. Whether the
 * expression parses at all is promtool's to say (MonitoringDocsTest), not this class's.
 */
final class PromQl {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern CLAUSE = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*+)\\s*\\{([^}]*)\\}");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
  /** An identifier not followed by "(" (a function or an aggregation) and not the tail of a number or a duration. */
  private static final Pattern NAME = Pattern.compile("(?<![a-zA-Z0-9_:.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and",
      "or", "unless", "bool", "offset", "inf", "nan", "atan2");

  private PromQl() {
  }

  /** Each metric the expression reads, with the label names its matchers use (empty when it has none). */
  static Map<String, Set<String>> selectors(String expr) {
    String e = RANGE.matcher(STRING.matcher(expr).replaceAll("\"\"")).replaceAll("");
    e = CLAUSE.matcher(e).replaceAll(" ");
    Map<String, Set<String>> selectors = new LinkedHashMap<>();
    Matcher selector = SELECTOR.matcher(e);
    StringBuilder rest = new StringBuilder();
    while (selector.find()) {
      Set<String> labels = selectors.computeIfAbsent(selector.group(1), n -> new TreeSet<>());
      Matcher matcher = MATCHER.matcher(selector.group(2));
      while (matcher.find()) {
        labels.add(matcher.group(1));
      }
      selector.appendReplacement(rest, " ");
    }
    selector.appendTail(rest);
    Matcher name = NAME.matcher(rest);
    while (name.find()) {
      if (!KEYWORDS.contains(name.group(1).toLowerCase(Locale.ROOT))) {
        selectors.computeIfAbsent(name.group(1), n -> new TreeSet<>());
      }
    }
    return selectors;
  }

  /** The labels named by the expression's by, without, on and ignoring clauses (and group_left/right). */
  static Set<String> groupingLabels(String expr) {
    Set<String> labels = new TreeSet<>();
    Matcher clause = CLAUSE.matcher(STRING.matcher(expr).replaceAll("\"\""));
    while (clause.find()) {
      for (String label : clause.group(1).split(",")) {
        if (!label.isBlank()) {
          labels.add(label.strip());
        }
      }
    }
    return labels;
  }
}
