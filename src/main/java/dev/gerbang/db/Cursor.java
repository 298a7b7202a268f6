package dev.gerbang.db;

import dev.gerbang.http.ServiceErrors;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort key of the last row of a page, base64url-encoded JSON.
 * Clients pass it back untouched; anything else is a 400, never an SQL error.
 */
public record Cursor(long time, String id) {
  /** Sorts after every row: the cursor of the first page. */
  public static final Cursor START = new Cursor(Long.MAX_VALUE, "~");

  public String encode() {
    String json = new JsonArray(List.of(time, id)).encode();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a client sent, or {@link #START} when it sent none; fails with a 400 ServiceException. */
  public static Cursor decode(String text) {
    if (text == null || text.isEmpty()) {
      return START;
    }
    try {
      JsonArray values = new JsonArray(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
      long time = values.getLong(0);
      String id = values.getString(1);
      if (values.size() != 2 || !Ids.looksValid(id)) {
        throw new IllegalArgumentException();
      }
      return new Cursor(time, id);
    } catch (RuntimeException e) {
      throw ServiceErrors.of(dev.gerbang.http.Problem.validation(
          List.of(new dev.gerbang.http.Problem.FieldError("cursor", "is not a cursor this server gave out"))));
    }
  }
}
