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
 * SQL is never built from strings in Java: statements live in db/queries/*.sql, every query runs exactly one
 * statement fetched with sql.get (a name can only select a statement of a .sql file, never carry SQL),
 * and take every value as a ? parameter. This scans the main sources and fails on anything else.
 */
class SqlSourceScanTest {
  private static final Path JAVA = Path.of("src/main/java");
  private static final Path QUERIES = Path.of("src/main/resources/db/queries");
  /** SQL keywords inside the text of a Java string literal. */
  private static final Pattern SQL_WORDS = Pattern.compile(
      "\\b(SELECT|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|DROP|ALTER\\s+TABLE|WHERE|ORDER\\s+BY|UNION)\\b",
      Pattern.CASE_INSENSITIVE);
  /**
   * Files that assemble one statement from several named fragments of a .sql file (so that SQLite gets a
   * plan per filter combination and uses its indexes), with fragment names from allow-lists: they may not
   * hold SQL text either, but are exempt from the one-literal-name rule. Each entry says why.
   */
  private static final Set<String> FRAGMENT_ASSEMBLERS = Set.of(); // none: the article list names its fragments, and
  // db/Pager runs them through Sql.get(List), which only joins statements of a .sql file
  /** A query call whose statement is not a named statement fetched with a literal name. */
  private static final Pattern QUERY_CALL = Pattern.compile(
      "\\.(preparedQuery|query|prepareStatement|prepareCall|executeQuery|executeUpdate|addBatch)\\s*\\(\\s*(?!\\))(?!sql\\.get\\([^()]*\\)\\s*\\))");
  /** Fixed statements with no input at all, each with its reason. */
  private static final Set<String> ALLOWED = Set.of(
      "database.pool().query(\"SELECT 1\")"); // the readiness ping

  static List<String> violations(String file, String source) {
    List<String> found = new ArrayList<>();
    String code = stripComments(source);
    for (String allowed : ALLOWED) {
      code = code.replace(allowed, "database.pool().query(sql.get(\"ping\"))");
    }
    for (String text : stringLiterals(code)) {
      String quoted = "\"" + text + "\"";
      // A statement's name ("list.select") is an identifier, not SQL: real SQL has spaces.
      boolean name = text.matches("[A-Za-z0-9_.]+");
      if (!name && SQL_WORDS.matcher(text).find() && !quoted.matches("\"[A-Z][a-z ,]*\"") && !isHttpMethodList(quoted)) {
        found.add(file + ": SQL in a Java string: " + quoted);
      }
    }
    if (FRAGMENT_ASSEMBLERS.contains(file.replace('\\', '/'))) {
      return found;
    }
    Matcher call = QUERY_CALL.matcher(code);
    while (call.find()) {
      found.add(file + ": statement not fetched by a literal name: " + snippet(code, call.start()));
    }
    if (code.contains("String.format(") && code.matches("(?s).*String\\.format\\(\\s*\"[^\"]*(?i:select|insert|update|delete).*")) {
      found.add(file + ": String.format with SQL");
    }
    return found;
  }

  /** The text of every string literal (and text block) in the code, read like the compiler reads them. */
  static List<String> stringLiterals(String code) {
    List<String> literals = new ArrayList<>();
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (c == '\'') {
        int j = i + 1;
        while (j < code.length() && code.charAt(j) != '\'') {
          j += code.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
      } else if (code.startsWith("\"\"\"", i)) {
        int end = code.indexOf("\"\"\"", i + 3);
        literals.add(code.substring(i + 3, end < 0 ? code.length() : end));
        i = end < 0 ? code.length() : end + 3;
      } else if (c == '"') {
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        while (j < code.length() && code.charAt(j) != '"') {
          if (code.charAt(j) == '\\' && j + 1 < code.length()) {
            text.append(code.charAt(j + 1));
            j += 2;
          } else {
            text.append(code.charAt(j++));
          }
        }
        literals.add(text.toString());
        i = j + 1;
      } else {
        i++;
      }
    }
    return literals;
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
    // Choosing which named statement to run is fine: Sql.get only ever answers a statement of a .sql file,
    // and an unknown name is an exception, so the name can never carry SQL.
    assertThat(violations("C.java", "conn.preparedQuery(sql.get(liked ? \"like\" : \"unlike\")).execute(t);")).isEmpty();
    assertThat(violations("C2.java", "conn.preparedQuery(sql.get(\"a\") + sql.get(\"b\")).execute(t);")).hasSize(1);
    assertThat(violations("D.java", "conn.preparedQuery(base + order).execute(t);")).hasSize(1);
    assertThat(violations("E.java", "conn.preparedQuery(sql.get(\"search\") + \" ORDER BY \" + column)")).hasSize(2);
    assertThat(violations("F.java", "conn.preparedQuery(sql.get(\"findById\")).execute(Tuple.of(id));")).isEmpty();
    assertThat(violations("G.java", "String q = ctx.request().query();")).isEmpty();
  }
}
