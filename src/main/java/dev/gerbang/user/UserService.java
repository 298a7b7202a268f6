package dev.gerbang.user;

import dev.gerbang.audit.Actor;
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
   * Creates a user with the `user` role, and its register audit row; the verification token, when given, is stored
   * with its mail in the same transaction. 409 when the email or username is taken.
   */
  Future<User> register(Registration registration, Actor actor);

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

  /** Deletes the account, its roles and sessions (audited account_deleted); 409 when it is the last enabled admin. */
  Future<Void> delete(String userId, Actor actor);

  /** Admin search, newest first. */
  Future<UserPage> search(UserQuery query);

  /**
   * An admin's change of roles and status (audited admin_user_updated); refuses to leave no enabled admin or to
   * disable oneself.
   */
  Future<User> adminUpdate(Actor actor, String userId, AdminChanges changes);

  /**
   * Grants a role to the account with this email (audited role_granted in the same transaction; nothing when it
   * holds the role already); 404 when there is none.
   */
  Future<User> grantRole(Actor actor, String email, String role);
}
