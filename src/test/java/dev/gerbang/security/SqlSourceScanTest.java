package dev.gerbang.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL is never built from strings in Java: statements live in db/queries/*.sql, are fetched by a literal name,
 * and take every value as a ? parameter. This scans the main sources and fails on anything else.
 */
class SqlSourceScanTest {
  private static final Path JAVA = Path.of("src/main/java");
  private static final Path QUERIES = Path.of("src/main/resources/db/queries");
  /** SQL keywords inside a Java string literal. */
  private static final Pattern SQL_LITERAL = Pattern.compile(
      "\"(?:[^\"\\\\]|\\\\.)*\\b(SELECT|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|DROP|ALTER\\s+TABLE|WHERE|ORDER\\s+BY|UNION)\\b(?:[^\"\\\\]|\\\\.)*\"",
      Pattern.CASE_INSENSITIVE);
  /** A query call whose statement is not a named statement fetched with a literal name. */
  private static final Pattern QUERY_CALL = Pattern.compile(
      "\\.(preparedQuery|query|prepareStatement|prepareCall|executeQuery|executeUpdate|addBatch)\\s*\\(\\s*(?!\\))(?!sql\\.get\\(\"[A-Za-z0-9_]+\"\\)\\s*\\))");
  private static final Pattern NAMED = Pattern.compile("\\bsql\\.get\\(\\s*(?!\"[A-Za-z0-9_]+\"\\s*\\))");
  /** Fixed statements with no input at all, each with its reason. */
  private static final Set<String> ALLOWED = Set.of(
      "database.pool().query(\"SELECT 1\")"); // the readiness ping

  static List<String> violations(String file, String source) {
    List<String> found = new ArrayList<>();
    String code = stripComments(source);
    for (String allowed : ALLOWED) {
      code = code.replace(allowed, "database.pool().query(sql.get(\"ping\"))");
    }
    Matcher literal = SQL_LITERAL.matcher(code);
    while (literal.find()) {
      String text = literal.group();
      if (!text.matches("\"[A-Z][a-z ,]*\"") && !isHttpMethodList(text)) {
        found.add(file + ": SQL in a Java string: " + text);
      }
    }
    Matcher call = QUERY_CALL.matcher(code);
    while (call.find()) {
      found.add(file + ": statement not fetched by a literal name: " + snippet(code, call.start()));
    }
    Matcher named = NAMED.matcher(code);
    while (named.find()) {
      found.add(file + ": statement name is not a literal: " + snippet(code, named.start()));
    }
    if (code.contains("String.format(") && code.matches("(?s).*String\\.format\\(\\s*\"[^\"]*(?i:select|insert|update|delete).*")) {
      found.add(file + ": String.format with SQL");
    }
    return found;
  }

  private static boolean isHttpMethodList(String text) {
    return text.matches("\"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(, (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS))*\"");
  }

  private static String snippet(String code, int at) {
    return code.substring(at, Math.min(code.length(), at + 80)).replace('\n', ' ');
  }

  private static String stripComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "").replaceAll("\\s//[^\"\\n]*$", "");
  }

  @Test
  void noJavaSourceBuildsSqlFromStrings() throws IOException {
    List<String> found = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(JAVA)) {
      for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
        found.addAll(violations(file.toString(), Files.readString(file)));
        files++;
      }
    }
    assertThat(files).isGreaterThan(40);
    assertThat(found).isEmpty();
  }

  @Test
  void everyNamedStatementTakesValuesAsParametersOnly() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(QUERIES)) {
      for (Path file : paths.filter(p -> p.toString().endsWith(".sql")).toList()) {
        String text = Files.readString(file);
        for (String marker : List.of("${", "%s", "{}", "#{", "' ||", "|| '")) {
          if (text.contains(marker)) {
            found.add(file + ": contains " + marker);
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void theScannerCatchesTheUsualWaysOfBuildingSql() {
    assertThat(violations("A.java", "pool.query(\"SELECT * FROM users WHERE email = '\" + email + \"'\").execute();"))
        .hasSize(2);
    assertThat(violations("B.java", "String q = \"DELETE FROM users WHERE id = \" + id;")).hasSize(1);
    assertThat(violations("C.java", "conn.preparedQuery(sql.get(name)).execute(t);")).hasSize(2);
    assertThat(violations("D.java", "conn.preparedQuery(base + order).execute(t);")).hasSize(1);
    assertThat(violations("E.java", "conn.preparedQuery(sql.get(\"search\") + \" ORDER BY \" + column)")).hasSize(2);
    assertThat(violations("F.java", "conn.preparedQuery(sql.get(\"findById\")).execute(Tuple.of(id));")).isEmpty();
    assertThat(violations("G.java", "String q = ctx.request().query();")).isEmpty();
  }
}
