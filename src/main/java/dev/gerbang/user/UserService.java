package dev.gerbang.user;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Users and their roles, on the event bus; implemented by the database worker. */
@ProxyGen
@VertxGen
public interface UserService {
  String ADDRESS = "gerbang.users";

  static UserService proxy(Vertx vertx) {
    return new UserServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * Creates a user with the `user` role: {email, name, username?, locale?, passwordHash, verification?};
   * verification {tokenId, tokenHash, expiresAt, kind, mail} is stored with its mail in the same transaction.
   * 409 when the email or username is taken.
   */
  Future<User> register(JsonObject registration);

  /** The user with this id, or null. */
  Future<User> find(String userId);

  /** {user, passwordHash} for the (not yet normalized) email, or null when no account has it. */
  Future<JsonObject> findCredentials(String email);

  /** Applies the profile fields present in changes: name, username, bio, avatarUrl, locale (null clears). */
  Future<User> updateProfile(String userId, JsonObject changes);

  /** The stored password hash, or null for an account that has none. */
  Future<String> passwordHash(String userId);

  /** Replaces a hash by one with newer parameters, only if it is still the expected one. */
  Future<Void> upgradePasswordHash(String userId, String expectedHash, String newHash);

  /** Deletes the account, its roles and sessions; 409 when it is the last enabled admin. */
  Future<Void> delete(String userId);

  /** Admin search: {q, role, status, limit, cursor} -> {items, nextCursor, total}. */
  Future<JsonObject> search(JsonObject query);

  /** Admin change of {roles, disabled}; refuses to leave no enabled admin or to disable oneself. */
  Future<User> adminUpdate(String actorId, String userId, JsonObject changes);

  /** Grants a role to the account with this email; 404 when there is none. */
  Future<User> grantRole(String email, String role);
}
