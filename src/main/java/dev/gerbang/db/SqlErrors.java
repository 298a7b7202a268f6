package dev.gerbang.db;

import java.sql.SQLException;
import java.util.Locale;

/** Recognises constraint violations on SQLite and PostgreSQL alike. */
public final class SqlErrors {
  private SqlErrors() {
  }

  /** The text of the unique violation (it names the column or constraint), or null when it is something else. */
  public static String uniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
        if ("23505".equals(sql.getSQLState()) || message.contains("unique constraint failed")
            || message.contains("sqlite_constraint_unique") || message.contains("sqlite_constraint_primarykey")) {
          return message;
        }
      }
    }
    return null;
  }
}
