package dev.gerbang.metrics;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One number of the overview: how many (count) of a kind (key: a role, an outcome, "status/channel"; may be
 * null) in a time bucket (whole UTC days or hours since 1970; 0 when it has none).
 */
@DataObject
public final class Count {
  private final String key;
  private final long bucket;
  private final long count;

  public Count(String key, long bucket, long count) {
    this.key = key;
    this.bucket = bucket;
    this.count = count;
  }

  public Count(JsonObject json) {
    this(json.getString("key"), json.getLong("bucket", 0L), json.getLong("count", 0L));
  }

  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("bucket", bucket).put("count", count);
  }

  public String key() {
    return key;
  }

  public long bucket() {
    return bucket;
  }

  public long count() {
    return count;
  }
}
