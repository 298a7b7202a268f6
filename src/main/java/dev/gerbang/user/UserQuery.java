package dev.gerbang.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** An admin's search of the accounts: text in email, name or username, a role, a status; each off when null. */
@DataObject
public final class UserQuery {
  private final String q;
  private final String role;
  private final String status;
  private final int limit;
  private final String cursor;

  public UserQuery(String q, String role, String status, int limit, String cursor) {
    this.q = q;
    this.role = role;
    this.status = status;
    this.limit = limit;
    this.cursor = cursor;
  }

  /** From the validated query parameters {q, role, status (active|disabled|unverified), limit, cursor}; limit 20 when absent. */
  public UserQuery(JsonObject json) {
    this(json.getString("q"), json.getString("role"), json.getString("status"), json.getInteger("limit", 20),
        json.getString("cursor"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("q", q).put("role", role).put("status", status).put("limit", limit).put("cursor", cursor);
  }

  public String q() {
    return q;
  }

  public String role() {
    return role;
  }

  public String status() {
    return status;
  }

  public int limit() {
    return limit;
  }

  public String cursor() {
    return cursor;
  }
}
