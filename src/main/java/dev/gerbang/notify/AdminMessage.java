package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An admin's message (already validated): its title, body and path in the app, and who it is for: the accounts
 * named (at most 100; kept sorted and without repeats), everyone holding a role, or everyone. JSON:
 * {title, body, path, to: {userIds: [...]} | {role} | {all: true}}.
 */
@DataObject
public final class AdminMessage {
  /** Who a message is for. */
  public enum Audience { USERS, ROLE, ALL }

  private final String title;
  private final String body;
  private final String path;
  private final Audience audience;
  private final String role;
  private final List<String> userIds;

  private AdminMessage(String title, String body, String path, Audience audience, String role, List<String> userIds) {
    this.title = title;
    this.body = body;
    this.path = path;
    this.audience = audience;
    this.role = audience == Audience.ROLE ? role : null;
    this.userIds = audience == Audience.USERS ? userIds.stream().distinct().sorted().toList() : List.of();
  }

  public static AdminMessage toUsers(String title, String body, String path, List<String> userIds) {
    return new AdminMessage(title, body, path, Audience.USERS, null, userIds);
  }

  public static AdminMessage toRole(String title, String body, String path, String role) {
    return new AdminMessage(title, body, path, Audience.ROLE, role, List.of());
  }

  public static AdminMessage toAll(String title, String body, String path) {
    return new AdminMessage(title, body, path, Audience.ALL, null, List.of());
  }

  public AdminMessage(JsonObject json) {
    this(json.getString("title"), json.getString("body"), json.getString("path"), audience(json.getJsonObject("to")),
        json.getJsonObject("to").getString("role"),
        json.getJsonObject("to").getJsonArray("userIds", new JsonArray()).stream().map(String::valueOf).toList());
  }

  private static Audience audience(JsonObject to) {
    return to.containsKey("userIds") ? Audience.USERS : to.containsKey("role") ? Audience.ROLE : Audience.ALL;
  }

  /** {userIds: [...]}, {role} or {all: true}, as the request said it. */
  public JsonObject to() {
    return switch (audience) {
      case USERS -> new JsonObject().put("userIds", new JsonArray(userIds));
      case ROLE -> new JsonObject().put("role", role);
      case ALL -> new JsonObject().put("all", true);
    };
  }

  public JsonObject toJson() {
    return new JsonObject().put("title", title).put("body", body).put("path", path).put("to", to());
  }

  /** SHA-256 of the message (hex): equal for the same message, whatever order its user ids came in. */
  public String fingerprint() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(toJson().encode().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String title() {
    return title;
  }

  public String body() {
    return body;
  }

  public String path() {
    return path;
  }

  public Audience audience() {
    return audience;
  }

  /** The role, for Audience.ROLE; null otherwise. */
  public String role() {
    return role;
  }

  /** The accounts named, sorted, for Audience.USERS; empty otherwise. */
  public List<String> userIds() {
    return userIds;
  }
}
