package dev.gerbang.db;

import dev.gerbang.http.Problem;
import dev.gerbang.http.ServiceErrors;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A keyset cursor for lists that sort by something other than time: the sort it belongs to, the sort key
 * of the last row (a number or a text) and its id, base64url-encoded JSON. A sibling of {@link Cursor}:
 * a cursor from another sort, or anything the server did not give out, is a 400, never an SQL error.
 */
public record KeyCursor(String sort, Object key, String id) {
  public KeyCursor {
    if (!(key instanceof Long || key instanceof String)) {
      throw new IllegalArgumentException("a cursor key is a long or a string");
    }
  }

  public String encode() {
    String json = new JsonArray(List.of(sort, key, id)).encode();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a client sent for this sort, or null when it sent none; fails with a 400 ServiceException. */
  public static KeyCursor decode(String text, String expectedSort) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      JsonArray values = new JsonArray(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
      Object key = values.getValue(1);
      if (key instanceof Number n) {
        key = n.longValue();
      }
      KeyCursor cursor = new KeyCursor(values.getString(0), key, values.getString(2));
      if (values.size() != 3 || !expectedSort.equals(cursor.sort()) || !Ids.looksValid(cursor.id())) {
        throw new IllegalArgumentException();
      }
      return cursor;
    } catch (RuntimeException e) {
      throw ServiceErrors.of(Problem.validation(
          List.of(new Problem.FieldError("cursor", "is not a cursor this server gave out for this sort"))));
    }
  }
}
