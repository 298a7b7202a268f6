package dev.gerbang.http;

import dev.gerbang.failure.FieldError;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Query parameters, read and checked the way bodies are: every bad parameter listed in one 400. */
public final class QueryParams {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  private final RoutingContext ctx;
  private final List<FieldError> errors = new ArrayList<>();
  private final JsonObject values = new JsonObject();

  private QueryParams(RoutingContext ctx, Set<String> known) {
    this.ctx = ctx;
    for (String name : ctx.queryParams().names()) {
      if (!known.contains(name)) {
        errors.add(new FieldError(name, "field.unknown_parameter"));
      } else if (ctx.queryParams().getAll(name).size() > 1) {
        errors.add(new FieldError(name, "field.repeated_parameter"));
      }
    }
  }

  public static QueryParams of(RoutingContext ctx, String... known) {
    return new QueryParams(ctx, Set.of(known));
  }

  private String get(String name) {
    return ctx.queryParams().get(name);
  }

  public QueryParams text(String name, int max) {
    String value = get(name);
    if (value != null) {
      if (value.length() > max) {
        errors.add(new FieldError(name, "field.too_long", null, new JsonObject().put("max", max)));
      } else {
        values.put(name, value.strip());
      }
    }
    return this;
  }

  public QueryParams choice(String name, Set<String> allowed) {
    String value = get(name);
    if (value != null) {
      if (!allowed.contains(value)) {
        errors.add(new FieldError(name, "field.one_of", null, new JsonObject().put("allowed", String.join(", ", new java.util.TreeSet<>(allowed)))));
      } else {
        values.put(name, value);
      }
    }
    return this;
  }

  public QueryParams limit() {
    String value = get("limit");
    int limit = DEFAULT_LIMIT;
    if (value != null) {
      try {
        limit = Integer.parseInt(value);
        if (limit < 1 || limit > MAX_LIMIT) {
          errors.add(new FieldError("limit", "field.limit", null, new JsonObject().put("max", MAX_LIMIT)));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "field.limit", null, new JsonObject().put("max", MAX_LIMIT)));
      }
    }
    values.put("limit", limit);
    return this;
  }

  /** A comma-separated list (tag=a,b) of at most maxItems non-empty values of at most maxLength each, as a JSON array. */
  public QueryParams list(String name, int maxItems, int maxLength) {
    String value = get(name);
    if (value != null) {
      io.vertx.core.json.JsonArray items = new io.vertx.core.json.JsonArray();
      for (String item : value.split(",", -1)) {
        String text = item.strip();
        if (text.isEmpty() || text.length() > maxLength) {
          errors.add(new FieldError(name, "field.list_values", null, new JsonObject().put("max", maxLength)));
          return this;
        }
        if (!items.contains(text)) {
          items.add(text);
        }
      }
      if (items.size() > maxItems) {
        errors.add(new FieldError(name, "field.too_many_values", null, new JsonObject().put("max", maxItems)));
      } else {
        values.put(name, items);
      }
    }
    return this;
  }

  /**
   * The opaque cursor; its content (and its signature) is checked where it is decoded. Room for the longest sort
   * key (a 200-character title, 3 bytes each in UTF-8, as base64) and the signature.
   */
  public QueryParams cursor() {
    return text("cursor", 1024);
  }

  /** An ISO-8601 instant (2026-01-31T00:00:00Z) or date (2026-01-31: its first millisecond, UTC), in epoch ms. */
  public QueryParams instant(String name) {
    return instant(name, false);
  }

  /** As {@link #instant}, but a bare date means its last millisecond: for the inclusive end of a range. */
  public QueryParams instantUntil(String name) {
    return instant(name, true);
  }

  private QueryParams instant(String name, boolean endOfDay) {
    String value = get(name);
    if (value != null) {
      try {
        long millis = value.length() == 10
            ? java.time.LocalDate.parse(value).plusDays(endOfDay ? 1 : 0).atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant().toEpochMilli() - (endOfDay ? 1 : 0)
            : Instant.parse(value).toEpochMilli();
        values.put(name, millis);
      } catch (DateTimeParseException e) {
        errors.add(new FieldError(name, "field.date_or_instant"));
      }
    }
    return this;
  }

  public QueryParams id(String name) {
    String value = get(name);
    if (value != null) {
      if (!dev.gerbang.db.Ids.looksValid(value)) {
        errors.add(new FieldError(name, "field.id"));
      } else {
        values.put(name, value);
      }
    }
    return this;
  }

  /** The checked values; throws a 400 listing every bad parameter. */
  public JsonObject validate() {
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return values;
  }
}
