package dev.gerbang.db;

import dev.gerbang.crypto.Hmac;
import dev.gerbang.failure.Failure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * The one codec of every paged list's keyset cursor: the sort key of a page's last row as base64url JSON, a
 * dot, and an HMAC-SHA256 (server cursor key) of the list's name and that JSON. So a client can only send back
 * a cursor the server made for that list, and every node with the same keys reads every node's cursors. The
 * values are checked against the sort key's types as well, so that nothing but a value of the column's type
 * ever reaches SQL (PostgreSQL fails on a text compared with a number; SQLite compares it quietly).
 * Anything else is a 400 invalid-cursor problem, never an SQL error.
 */
public final class Cursors {
  /** The type of one sort key column, as a cursor carries it. */
  public enum Type { LONG, TEXT, DATE, ID }

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  /** Longer than any sort key text the schema holds (titles: 200 characters). */
  private static final int MAX_TEXT = 400;
  private final byte[] key;

  public Cursors(byte[] key) {
    this.key = key.clone();
  }

  /** The cursor of a row of this list whose sort key is these values (of the list's types, in order). */
  public String encode(String list, Object... values) {
    String payload = B64.encodeToString(new JsonArray(List.of(values)).encode().getBytes(StandardCharsets.UTF_8));
    return payload + "." + B64.encodeToString(mac(list, payload));
  }

  /**
   * The values of a cursor this server made for this list, each of its type (LONG as a Long), or null when
   * there is none (the first page). Fails with a 400 ServiceException for anything else.
   */
  public JsonArray decode(String list, String text, Type... types) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    int dot = text.indexOf('.');
    if (dot < 0 || !MessageDigest.isEqual(mac(list, text.substring(0, dot)), bytes(text.substring(dot + 1)))) {
      throw invalid("field.cursor.foreign");
    }
    JsonArray values;
    try {
      values = new JsonArray(new String(Base64.getUrlDecoder().decode(text.substring(0, dot)), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException e) {
      throw invalid("field.cursor.malformed");
    }
    if (values.size() != types.length) {
      throw invalid("field.cursor.sort_key");
    }
    JsonArray checked = new JsonArray();
    for (int i = 0; i < types.length; i++) {
      checked.add(check(values.getValue(i), types[i]));
    }
    return checked;
  }

  private static Object check(Object value, Type type) {
    boolean valid = switch (type) {
      case LONG -> value instanceof Integer || value instanceof Long;
      // PostgreSQL refuses a NUL in text: such a value would be an SQL error, not a 400.
      case TEXT -> value instanceof String s && s.length() <= MAX_TEXT && s.indexOf('\0') < 0;
      case DATE -> value instanceof String s && isDate(s);
      case ID -> value instanceof String s && Ids.looksValid(s);
    };
    if (!valid) {
      throw invalid("field.cursor.sort_key");
    }
    return type == Type.LONG ? ((Number) value).longValue() : value;
  }

  private static boolean isDate(String text) {
    try {
      return text.length() == 10 && LocalDate.parse(text).toString().equals(text);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private byte[] mac(String list, String payload) {
    return Hmac.sha256(key, "cursor:" + list + "\n" + payload);
  }

  private static byte[] bytes(String base64) {
    try {
      return Base64.getUrlDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static RuntimeException invalid(String message) {
    return Failure.invalidCursor(message);
  }
}
