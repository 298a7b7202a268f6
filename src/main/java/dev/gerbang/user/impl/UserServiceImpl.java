package dev.gerbang.user.impl;

import dev.gerbang.account.EmailToken;
import dev.gerbang.account.impl.AccountServiceImpl;
import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.user.UserChanged;
import dev.gerbang.events.Events;
import dev.gerbang.auth.SessionsRevoked;
import dev.gerbang.auth.Revocations;
import dev.gerbang.auth.SessionEnd;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Page;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.db.SqlErrors;
import dev.gerbang.failure.Failure;
import dev.gerbang.notify.Outbox;
import dev.gerbang.user.AdminChanges;
import dev.gerbang.user.Credentials;
import dev.gerbang.user.Emails;
import dev.gerbang.user.ProfileChanges;
import dev.gerbang.user.ProfileChanges.Field;
import dev.gerbang.user.Registration;
import dev.gerbang.user.Roles;
import dev.gerbang.user.User;
import dev.gerbang.user.UserPage;
import dev.gerbang.user.UserQuery;
import dev.gerbang.user.UserService;
import dev.gerbang.webhook.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

public final class UserServiceImpl implements UserService {
  private final Pool pool;
  private final Sql sql;
  private final Pager pager;
  private final Sql tokenSql;
  private final Outbox outbox;
  private final Revocations revocations;
  private final Events events;
  private final AuditLog audit;
  private final Webhooks webhooks;

  public UserServiceImpl(Database database, Outbox outbox, Events events) {
    this.webhooks = new Webhooks(database);
    this.revocations = new Revocations(database);
    this.audit = new AuditLog(database);
    this.events = events;
    this.pool = database.pool();
    this.sql = database.sql("users");
    this.pager = database.pager();
    this.tokenSql = database.sql("account_tokens");
    this.outbox = outbox;
  }

  static User toUser(Row row) {
    String roles = row.getString("roles");
    List<String> list = roles == null || roles.isEmpty() ? List.of() : Arrays.stream(roles.split(",")).sorted().toList();
    return new User(row.getString("id"), row.getString("email"), row.getString("username"), row.getString("name"),
        row.getString("bio"), row.getString("avatar_url"), row.getString("locale"),
        Rows.bool(row, "email_verified"), Rows.bool(row, "disabled"), row.getString("password_hash") != null,
        list, Rows.iso(row, "created_at"), Rows.iso(row, "updated_at"));
  }

  @Override
  public Future<User> register(Registration registration, Actor actor) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    String email = registration.email().strip();
    String username = registration.username();
    Tuple user = Tuple.of(id, email, Emails.normalize(email), username,
            username == null ? null : username.toLowerCase(Locale.ROOT), registration.name())
        .addString(registration.locale() == null ? "en" : registration.locale())
        .addString(registration.passwordHash())
        .addLong(now).addLong(now).addLong(now);
    EmailToken verification = registration.verification();
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("insert")).execute(user)
            .compose(done -> conn.preparedQuery(sql.get("insertRole")).execute(Tuple.of(id, Roles.USER, now)))
            .compose(done -> verification == null ? Future.succeededFuture()
                : AccountServiceImpl.insertToken(conn, tokenSql, outbox, verification.forUser(id),
                    registration.verificationMail() == null ? List.of() : List.of(registration.verificationMail())))
            .compose(done -> audit.write(conn, actor, "register", id, null))
            .compose(done -> webhooks.emit(conn, "user.registered", new JsonObject().put("userId", id)))
            .compose(done -> find(conn, id)))
        .onSuccess(created -> outbox.wake())
        .recover(UserServiceImpl::mapUniqueViolation);
  }

  private static <T> Future<T> mapUniqueViolation(Throwable failure) {
    String violation = SqlErrors.uniqueViolation(failure);
    if (violation == null) {
      return Future.failedFuture(failure);
    }
    if (violation.contains("username")) {
      return Future.failedFuture(Failure.conflict("username-taken", "detail.conflict.username_taken", "username"));
    }
    return Future.failedFuture(Failure.conflict("email-taken", "detail.conflict.email_taken", "email"));
  }

  private Future<User> find(SqlClient client, String userId) {
    return client.preparedQuery(sql.get("findById")).execute(Tuple.of(userId))
        .map(rows -> Rows.first(rows, UserServiceImpl::toUser));
  }

  @Override
  public Future<User> find(String userId) {
    return find(pool, userId);
  }

  @Override
  public Future<Credentials> findCredentials(String email) {
    return pool.preparedQuery(sql.get("findByEmail")).execute(Tuple.of(Emails.normalize(email)))
        .map(rows -> Rows.first(rows, row -> new Credentials(toUser(row), row.getString("password_hash"))));
  }

  @Override
  public Future<User> updateProfile(String userId, ProfileChanges changes) {
    return pool.withTransaction(conn -> find(conn, userId).compose(current -> {
      if (current == null) {
        return Future.failedFuture(Failure.notFound("detail.not_found.user"));
      }
      String username = changes.valueOr(Field.USERNAME, current.username());
      Tuple update = Tuple.of(
              changes.valueOr(Field.NAME, current.name()),
              username,
              username == null ? null : username.toLowerCase(Locale.ROOT),
              changes.valueOr(Field.BIO, current.bio()),
              changes.valueOr(Field.AVATAR_URL, current.avatarUrl()),
              changes.valueOr(Field.LOCALE, current.locale()))
          .addLong(System.currentTimeMillis())
          .addString(userId);
      return conn.preparedQuery(sql.get("updateProfile")).execute(update).compose(done -> find(conn, userId));
    })).onSuccess(user -> {
      // Every update changes the account's own view (its updatedAt at least).
      Set<UserChanged.Aspect> aspects = EnumSet.of(UserChanged.Aspect.PROFILE);
      if (changes.has(Field.NAME) || changes.has(Field.USERNAME) || changes.has(Field.AVATAR_URL)) {
        aspects.add(UserChanged.Aspect.NAMES);
      }
      if (changes.has(Field.LOCALE)) {
        aspects.add(UserChanged.Aspect.LOCALE);
      }
      events.announce(new UserChanged(userId, aspects));
    }).recover(UserServiceImpl::mapUniqueViolation);
  }

  @Override
  public Future<String> passwordHash(String userId) {
    return pool.preparedQuery(sql.get("findById")).execute(Tuple.of(userId))
        .map(rows -> Rows.first(rows, row -> row.getString("password_hash")));
  }


  @Override
  public Future<Void> upgradePasswordHash(String userId, String expectedHash, String newHash) {
    return pool.preparedQuery(sql.get("rehashPassword")).execute(Tuple.of(newHash, userId, expectedHash)).mapEmpty();
  }

  @Override
  public Future<Void> delete(String userId, Actor actor) {
    return pool.withTransaction(conn -> find(conn, userId).compose(user -> {
      if (user == null) {
        return Future.failedFuture(Failure.notFound("detail.not_found.user"));
      }
      Future<Void> adminCheck = user.hasRole(Roles.ADMIN) && !user.disabled()
          ? enabledAdmins(conn).compose(n -> n <= 1
              ? Future.failedFuture(Failure.conflict("last-admin",
                  "detail.conflict.last_admin", null))
              : Future.succeededFuture())
          : Future.succeededFuture();
      return adminCheck.compose(ok -> conn.preparedQuery(sql.get("delete")).execute(Tuple.of(userId)))
          .compose(done -> audit.write(conn, actor, "account_deleted", userId, null))
          .compose(done -> webhooks.emit(conn, "user.deleted", new JsonObject().put("userId", userId)));
    })).onSuccess(done -> events.announce(UserChanged.of(userId, UserChanged.Aspect.DELETED)));
  }

  private Future<Long> enabledAdmins(SqlClient client) {
    return client.preparedQuery(sql.get("countEnabledAdmins")).execute().map(Rows::count);
  }

  @Override
  public Future<UserPage> search(UserQuery query) {
    String q = query.q() == null ? "" : query.q();
    String like = Page.likePattern(q);
    String role = query.role() == null ? "" : query.role();
    String status = query.status() == null ? "" : query.status();
    Tuple filters = Tuple.of(q, like, like, like, role, role).addString(status).addString(status).addString(status).addString(status);
    return pager.page(Keyset.newestFirst("users.search"), sql, "search", "searchCount", filters, query.cursor(), query.limit(),
        UserServiceImpl::toUser).map(page -> new UserPage(page.items(), page.nextCursor(), page.total()));
  }

  @Override
  public Future<User> adminUpdate(Actor actor, String userId, AdminChanges changes) {
    return pool.withTransaction(conn -> find(conn, userId).compose(user -> {
      if (user == null) {
        return Future.failedFuture(Failure.notFound("detail.not_found.user"));
      }
      Boolean disabled = changes.disabled();
      if (Boolean.TRUE.equals(disabled) && userId.equals(actor.userId())) {
        return Future.failedFuture(Failure.conflict("self-disable", "detail.conflict.self_disable", "disabled"));
      }
      Set<String> roles = new HashSet<>(changes.roles() != null ? changes.roles() : user.roles());
      long now = System.currentTimeMillis();
      Future<?> chain = Future.succeededFuture();
      for (String role : Roles.ALL) {
        boolean has = user.hasRole(role);
        boolean wants = roles.contains(role);
        if (wants && !has) {
          chain = chain.compose(x -> conn.preparedQuery(sql.get("insertRole")).execute(Tuple.of(userId, role, now)));
        } else if (has && !wants) {
          chain = chain.compose(x -> conn.preparedQuery(sql.get("deleteRole")).execute(Tuple.of(userId, role)));
        }
      }
      if (disabled != null && disabled != user.disabled()) {
        chain = chain.compose(x -> conn.preparedQuery(sql.get("setDisabled")).execute(Tuple.of(disabled, now, userId)));
      }
      boolean mayLoseAdmin = user.hasRole(Roles.ADMIN) && (!roles.contains(Roles.ADMIN) || Boolean.TRUE.equals(disabled));
      if (mayLoseAdmin) {
        chain = chain.compose(x -> enabledAdmins(conn)).compose(n -> n == 0
            ? Future.failedFuture(Failure.conflict("last-admin",
                "detail.conflict.no_admin_left", "roles"))
            : Future.succeededFuture());
      }
      // A disabled account's sessions end with it, in the same transaction.
      Future<List<String>> ended = Boolean.TRUE.equals(disabled) && !user.disabled()
          ? chain.compose(x -> revocations.endAll(conn, userId, null, SessionEnd.DISABLED_BY_ADMIN))
          : chain.map(x -> List.of());
      return ended.compose(ids -> audit.write(conn, actor, "admin_user_updated", userId, changes.toJson()).map(ids))
          .compose(ids -> find(conn, userId).map(updated -> new AdminChange(updated, ids, changed(user, updated))));
    })).map(change -> {
      if (!change.endedSessions().isEmpty()) {
        events.announce(new SessionsRevoked(userId, change.endedSessions()));
      }
      if (!change.aspects().isEmpty()) {
        events.announce(new UserChanged(userId, change.aspects()));
      }
      return change.user();
    });
  }

  /** What an admin's change changed of the account: its roles, its status, its own view. */
  private static Set<UserChanged.Aspect> changed(User before, User after) {
    Set<UserChanged.Aspect> aspects = EnumSet.noneOf(UserChanged.Aspect.class);
    if (!after.roles().equals(before.roles())) {
      aspects.add(UserChanged.Aspect.ROLES);
    }
    if (after.disabled() != before.disabled()) {
      aspects.add(UserChanged.Aspect.STATUS);
    }
    if (!Objects.equals(after.updatedAt(), before.updatedAt())) {
      aspects.add(UserChanged.Aspect.PROFILE);
    }
    return aspects;
  }

  /** What an admin's change did, to announce once it committed. */
  private record AdminChange(User user, List<String> endedSessions, Set<UserChanged.Aspect> aspects) {
  }

  @Override
  public Future<User> grantRole(Actor actor, String email, String role) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql.get("findByEmail")).execute(Tuple.of(Emails.normalize(email)))
        .compose(rows -> {
          User user = Rows.first(rows, UserServiceImpl::toUser);
          if (user == null) {
            return Future.failedFuture(Failure.notFound("detail.not_found.account_email"));
          }
          if (user.hasRole(role)) {
            return Future.succeededFuture(user);
          }
          return conn.preparedQuery(sql.get("insertRole")).execute(Tuple.of(user.id(), role, System.currentTimeMillis()))
              .compose(done -> audit.write(conn, actor, "role_granted", user.id(), new JsonObject().put("role", role)))
              .compose(done -> find(conn, user.id()));
        })).onSuccess(user -> events.announce(UserChanged.of(user.id(), UserChanged.Aspect.ROLES)));
  }
}
