package dev.gerbang.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring docs as MonitoringDocsTest reads them: the alert rules' and the dashboard panels' queries, the
 * scrape configuration of docs/operations.md, and what of those queries a scrape of the server lacks.
 */
final class MonitoringDocs {
  static final Path ALERTS = Path.of("docs/gerbang-alerts.yml");
  static final Path DASHBOARD = Path.of("docs/grafana-dashboard.json");
  static final Path OPERATIONS = Path.of("docs/operations.md");
  /** Grafana's variables as Grafana fills them with a 15 s scrape interval ($__rate_interval is four scrapes). */
  private static final Map<String, String> GRAFANA = Map.of("$__rate_interval", "1m", "$__interval", "15s", "$__range", "1h");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  record Query(String where, String expr) {
  }

  static List<Query> alertQueries() throws IOException {
    JsonObject rules = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(ALERTS.toFile(), Map.class));
    List<Query> queries = new ArrayList<>();
    for (Object group : rules.getJsonArray("groups")) {
      for (Object rule : ((JsonObject) group).getJsonArray("rules")) {
        JsonObject r = (JsonObject) rule;
        queries.add(new Query("alert " + r.getString("alert"), r.getString("expr").strip()));
      }
    }
    return queries;
  }

  /** Every panel's queries (rows' panels too), Grafana's variables filled in. */
  static List<Query> dashboardQueries() throws IOException {
    List<Query> queries = new ArrayList<>();
    addQueries(new JsonObject(Files.readString(DASHBOARD)).getJsonArray("panels"), queries);
    return queries;
  }

  private static void addQueries(JsonArray panels, List<Query> queries) {
    for (Object p : panels == null ? new JsonArray() : panels) {
      JsonObject panel = (JsonObject) p;
      for (Object t : panel.getJsonArray("targets", new JsonArray())) {
        String expr = ((JsonObject) t).getString("expr");
        for (var variable : GRAFANA.entrySet()) {
          expr = expr.replace(variable.getKey(), variable.getValue());
        }
        queries.add(new Query("panel \"" + panel.getString("title") + "\" " + ((JsonObject) t).getString("refId"), expr));
      }
      addQueries(panel.getJsonArray("panels"), queries);
    }
  }

  private MonitoringDocs() {
  }

  /** The yaml blocks of docs/operations.md that hold a scrape configuration (prometheus.yml). */
  static List<String> scrapeConfigs() throws IOException {
    Matcher blocks = YAML_BLOCK.matcher(Files.readString(OPERATIONS));
    List<String> configs = new ArrayList<>();
    while (blocks.find()) {
      if (blocks.group(1).contains("scrape_configs:")) {
        configs.add(blocks.group(1));
      }
    }
    return configs;
  }

  /** The queries as recording rules dashboard:query_N, in JSON (which YAML reads as it is). */
  static Path recordingRules(Path dir, List<Query> queries) throws IOException {
    JsonArray rules = new JsonArray();
    for (int i = 0; i < queries.size(); i++) {
      rules.add(new JsonObject().put("record", "dashboard:query_" + i).put("expr", queries.get(i).expr())
          .put("labels", new JsonObject().put("query", queries.get(i).where())));
    }
    JsonObject file = new JsonObject().put("groups", new JsonArray().add(new JsonObject().put("name", "dashboard").put("rules", rules)));
    return Files.writeString(dir.resolve("dashboard-rules.yml"), file.encodePrettily());
  }

  /** What the queries read that this scrape lacks: a metric, a matcher's label, or a by/without/on label. */
  static List<String> problems(Scrape scrape, List<Query> queries) {
    List<String> problems = new ArrayList<>();
    for (Query query : queries) {
      Map<String, Set<String>> selectors = PromQl.selectors(query.expr());
      if (selectors.isEmpty()) {
        problems.add(query.where() + " reads no metric: " + query.expr());
      }
      Set<String> labels = new TreeSet<>(Set.of("instance", "job"));
      selectors.forEach((name, matched) -> {
        Optional<Set<String>> exported = exportedLabels(scrape, name);
        if (exported.isEmpty()) {
          problems.add(query.where() + " reads " + name + ", which the server does not export");
          return;
        }
        labels.addAll(exported.get());
        for (String label : matched) {
          if (!exported.get().contains(label) && !Set.of("instance", "job").contains(label)) {
            problems.add(query.where() + " matches " + name + " on " + label + ", a label it does not have");
          }
        }
      });
      for (String label : PromQl.groupingLabels(query.expr())) {
        if (!labels.contains(label)) {
          problems.add(query.where() + " groups by " + label + ", a label of none of " + selectors.keySet());
        }
      }
    }
    return problems;
  }

  /**
   * The labels of the series a name selects, if the server exports it: a family's own name, or a histogram's
   * _bucket (with le), _sum and _count, or a counter's family named without its _total.
   */
  static Optional<Set<String>> exportedLabels(Scrape scrape, String name) {
    String family = null;
    boolean bucket = false;
    if (scrape.has(name)) {
      family = name;
    } else if (name.endsWith("_bucket") && scrape.hasBuckets(name.substring(0, name.length() - 7))) {
      family = name.substring(0, name.length() - 7);
      bucket = true;
    } else {
      for (String suffix : List.of("_sum", "_count", "_total")) {
        String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
        if (base != null && scrape.has(base)) {
          family = base;
        }
      }
    }
    if (family == null) {
      return Optional.empty();
    }
    Set<String> labels = new TreeSet<>();
    scrape.samples(family).forEach(sample -> labels.addAll(sample.labels().keySet()));
    if (bucket) {
      labels.add("le");
    }
    return Optional.of(labels);
  }
}
