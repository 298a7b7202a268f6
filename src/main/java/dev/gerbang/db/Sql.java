package dev.gerbang.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Named SQL statements from resources: db/queries/NAME.sql holds `-- name: x` blocks; where PostgreSQL
 * needs another form, db/queries/postgresql/NAME.sql holds the same name and wins on that dialect.
 * Every value is a `?` parameter: nothing here is ever built from request data.
 */
public final class Sql {
  private final String file;
  private final Map<String, String> statements;

  private Sql(String file, Map<String, String> statements) {
    this.file = file;
    this.statements = statements;
  }

  public static Sql load(String name, Database.Dialect dialect) {
    Map<String, String> statements = parse(read("db/queries/" + name + ".sql", true));
    if (dialect == Database.Dialect.POSTGRESQL) {
      String override = read("db/queries/postgresql/" + name + ".sql", false);
      if (override != null) {
        statements.putAll(parse(override));
      }
    }
    return new Sql(name, statements);
  }

  /** The file's name (db/queries/NAME.sql). */
  public String file() {
    return file;
  }

  public String get(String name) {
    String sql = statements.get(name);
    if (sql == null) {
      throw new IllegalArgumentException("no statement " + name + " in db/queries/" + file + ".sql");
    }
    return sql;
  }

  /**
   * One statement assembled from named fragments, one a line, in this order (the article list: a fragment per
   * filter and sort, so that each combination gets its own plan). Still only text of this file.
   */
  public String get(List<String> fragments) {
    if (fragments.size() == 1) {
      return get(fragments.get(0));
    }
    StringBuilder statement = new StringBuilder();
    for (String name : fragments) {
      statement.append(statement.length() == 0 ? "" : "\n").append(get(name));
    }
    return statement.toString();
  }

  private static String read(String resource, boolean required) {
    try (InputStream in = Sql.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        if (required) {
          throw new IllegalStateException("missing resource " + resource);
        }
        return null;
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  private static Map<String, String> parse(String text) {
    Map<String, String> statements = new HashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("-- name:")) {
        if (name != null) {
          statements.put(name, body.toString().strip());
        }
        name = trimmed.substring("-- name:".length()).strip();
        body.setLength(0);
      } else if (name != null && !trimmed.startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      statements.put(name, body.toString().strip());
    }
    statements.replaceAll((k, v) -> v.endsWith(";") ? v.substring(0, v.length() - 1) : v);
    return statements;
  }
}
