package dev.gerbang.metrics;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The database's part of the admin overview, as sparse counts (the HTTP side fills the empty buckets): sign-ups
 * per day, sign-ins per hour by outcome (key ok, failed, locked), users by role, published articles and comments
 * per day, the outbox by state (key "status/channel"), and the sessions open now.
 */
@DataObject
public final class Overview {
  private final List<Count> signUps;
  private final List<Count> signIns;
  private final List<Count> roles;
  private final List<Count> articles;
  private final List<Count> comments;
  private final List<Count> outbox;
  private final long activeSessions;

  public Overview(List<Count> signUps, List<Count> signIns, List<Count> roles, List<Count> articles, List<Count> comments,
                  List<Count> outbox, long activeSessions) {
    this.signUps = List.copyOf(signUps);
    this.signIns = List.copyOf(signIns);
    this.roles = List.copyOf(roles);
    this.articles = List.copyOf(articles);
    this.comments = List.copyOf(comments);
    this.outbox = List.copyOf(outbox);
    this.activeSessions = activeSessions;
  }

  public Overview(JsonObject json) {
    this(counts(json.getJsonArray("signUps")), counts(json.getJsonArray("signIns")), counts(json.getJsonArray("roles")),
        counts(json.getJsonArray("articles")), counts(json.getJsonArray("comments")), counts(json.getJsonArray("outbox")),
        json.getLong("activeSessions", 0L));
  }

  public JsonObject toJson() {
    return new JsonObject().put("signUps", json(signUps)).put("signIns", json(signIns)).put("roles", json(roles))
        .put("articles", json(articles)).put("comments", json(comments)).put("outbox", json(outbox))
        .put("activeSessions", activeSessions);
  }

  static List<Count> counts(JsonArray array) {
    return array == null ? List.of() : array.stream().map(item -> new Count((JsonObject) item)).toList();
  }

  static JsonArray json(List<Count> counts) {
    JsonArray array = new JsonArray();
    counts.forEach(count -> array.add(count.toJson()));
    return array;
  }

  public List<Count> signUps() {
    return signUps;
  }

  public List<Count> signIns() {
    return signIns;
  }

  public List<Count> roles() {
    return roles;
  }

  public List<Count> articles() {
    return articles;
  }

  public List<Count> comments() {
    return comments;
  }

  public List<Count> outbox() {
    return outbox;
  }

  public long activeSessions() {
    return activeSessions;
  }
}
