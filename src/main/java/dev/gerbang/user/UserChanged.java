package dev.gerbang.user;

import dev.gerbang.events.Event;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;

/** An account changed, and in what: listeners drop only what the change makes stale. */
public record UserChanged(String userId, Set<Aspect> aspects) implements Event {
  public static final String ADDRESS = "gerbang.users.changed";

  /** What changed. */
  public enum Aspect {
    /** Roles granted or revoked: access. */
    ROLES,
    /** Disabled or enabled. */
    STATUS,
    /** What others see of the account: name, username, avatar. */
    NAMES,
    /** The language: only this user's own texts. */
    LOCALE,
    /** The email or whether it is verified. */
    EMAIL,
    /** The account is gone. */
    DELETED,
    /** What only the account's own view shows: the bio, whether a password is set, when it last changed. */
    PROFILE
  }

  public UserChanged {
    aspects = aspects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(aspects));
  }

  public static UserChanged of(String userId, Aspect first, Aspect... rest) {
    return new UserChanged(userId, EnumSet.of(first, rest));
  }

  /** Whether what a session check remembers (roles, status, username, language, existence) may be stale. */
  public boolean affectsSessions() {
    return aspects.contains(Aspect.ROLES) || aspects.contains(Aspect.STATUS) || aspects.contains(Aspect.NAMES)
        || aspects.contains(Aspect.LOCALE) || aspects.contains(Aspect.DELETED);
  }

  /** Whether what public content shows of the account (author and commenter names) may be stale. */
  public boolean affectsContent() {
    return aspects.contains(Aspect.NAMES) || aspects.contains(Aspect.DELETED);
  }

  @Override
  public String address() {
    return ADDRESS;
  }

  @Override
  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    aspects.forEach(a -> list.add(a.name()));
    return new JsonObject().put("userId", userId).put("aspects", list);
  }

  public static UserChanged fromJson(JsonObject json) {
    Set<Aspect> aspects = EnumSet.noneOf(Aspect.class);
    json.getJsonArray("aspects", new JsonArray()).forEach(a -> aspects.add(Aspect.valueOf(String.valueOf(a))));
    return new UserChanged(json.getString("userId"), aspects);
  }
}
