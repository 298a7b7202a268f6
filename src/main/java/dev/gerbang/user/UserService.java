package dev.gerbang.user;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Users and their roles, on the event bus; implemented by the database worker. */
@ProxyGen
@VertxGen
public interface UserService {
  String ADDRESS = "gerbang.users";

  static UserService proxy(Vertx vertx) {
    return new UserServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * Creates a user with the `user` role; the verification token, when given, is stored with its mail in the same
   * transaction. 409 when the email or username is taken.
   */
  Future<User> register(Registration registration);

  /** The user with this id, or null. */
  Future<User> find(String userId);

  /** The account and password hash for the (not yet normalized) email, or null when no account has it. */
  Future<Credentials> findCredentials(String email);

  /** Applies the profile fields the changes name (null clears). */
  Future<User> updateProfile(String userId, ProfileChanges changes);

  /** The stored password hash, or null for an account that has none. */
  Future<String> passwordHash(String userId);

  /** Replaces a hash by one with newer parameters, only if it is still the expected one. */
  Future<Void> upgradePasswordHash(String userId, String expectedHash, String newHash);

  /** Deletes the account, its roles and sessions; 409 when it is the last enabled admin. */
  Future<Void> delete(String userId);

  /** Admin search, newest first. */
  Future<UserPage> search(UserQuery query);

  /** Admin change of roles and status; refuses to leave no enabled admin or to disable oneself. */
  Future<User> adminUpdate(String actorId, String userId, AdminChanges changes);

  /** Grants a role to the account with this email; 404 when there is none. */
  Future<User> grantRole(String email, String role);
}
