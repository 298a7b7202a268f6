package dev.gerbang.mfa.impl;

import dev.gerbang.account.Mail;
import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.failure.Failure;
import dev.gerbang.mfa.Challenge;
import dev.gerbang.mfa.MfaFactors;
import dev.gerbang.mfa.MfaPolicy;
import dev.gerbang.mfa.MfaService;
import dev.gerbang.mfa.Passkey;
import dev.gerbang.mfa.PendingSignIn;
import dev.gerbang.mfa.SignInFactors;
import dev.gerbang.mfa.TotpState;
import dev.gerbang.notify.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class MfaServiceImpl implements MfaService {
  private final Pool pool;
  private final Sql sql;
  private final AuditLog audit;
  private final Outbox outbox;
  private final List<String> defaultRoles;
  private final SignInSteps steps;

  public MfaServiceImpl(Database database, Outbox outbox, List<String> defaultRoles) {
    this.pool = database.pool();
    this.sql = database.sql("mfa");
    this.audit = new AuditLog(database);
    this.outbox = outbox;
    this.defaultRoles = List.copyOf(defaultRoles);
    this.steps = new SignInSteps(pool, sql);
  }

  private Future<io.vertx.sqlclient.RowSet<Row>> run(SqlClient client, String name, Object... values) {
    return client.preparedQuery(sql.get(name)).execute(Tuple.from(values));
  }

  @Override
  public Future<MfaFactors> factors(String userId) {
    return factors(pool, userId);
  }

  @Override
  public Future<SignInFactors> signInFactors(String userId) {
    // The hot path of every password sign-in: one statement, where factors() and policy() take four.
    return run(pool, "signInFactors", userId, userId, userId).map(rows -> Rows.first(rows, row -> {
      String roles = row.getString("required_roles");
      return new SignInFactors(row.getLong("totp") > 0, row.getLong("recovery").intValue(), row.getLong("passkeys") > 0,
          roles == null ? defaultRoles : roles(roles));
    }));
  }

  private Future<MfaFactors> factors(SqlClient client, String userId) {
    return run(client, "totpConfirmed", userId).compose(totp -> run(client, "recoveryLeft", userId)
        .compose(left -> findPasskeys(client, userId, null)
            .map(keys -> new MfaFactors(Rows.count(totp) > 0, (int) Rows.count(left), keys))));
  }

  @Override
  public Future<TotpState> totp(String userId) {
    return run(pool, "totp", userId).map(rows -> Rows.first(rows, row -> new TotpState(row.getString("secret"),
        row.getValue("confirmed_at") != null, Rows.millis(row, "last_step"))));
  }

  @Override
  public Future<Void> startTotp(String userId, String secret) {
    return run(pool, "totpStart", userId, secret, System.currentTimeMillis()).compose(rows -> rows.rowCount() == 0
        ? Future.failedFuture(Failure.conflict("totp-enrolled", "detail.conflict.totp_enrolled", null))
        : Future.succeededFuture());
  }

  @Override
  public Future<Boolean> useTotpStep(String userId, long step) {
    return run(pool, "totpUseStep", step, userId, step).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Boolean> confirmTotp(String userId, long step, List<String> codeHashes, Mail mail, Actor actor) {
    return change(conn -> run(conn, "totpConfirm", System.currentTimeMillis(), step, userId, step).compose(rows -> rows.rowCount() == 0
            ? Future.failedFuture(Failure.conflict("totp-not-pending", "detail.conflict.totp_not_pending", "code"))
            : issueCodesIfNone(conn, userId, codeHashes)),
        userId, "mfa_totp_enrolled", new JsonObject(), mail, actor);
  }

  private Future<Boolean> issueCodesIfNone(SqlConnection conn, String userId, List<String> codeHashes) {
    return run(conn, "recoveryLeft", userId).compose(left -> Rows.count(left) > 0 ? Future.succeededFuture(false)
        : insertCodes(conn, userId, codeHashes).map(true));
  }

  private Future<Void> insertCodes(SqlConnection conn, String userId, List<String> codeHashes) {
    Future<Void> chain = run(conn, "recoveryDelete", userId).mapEmpty();
    long now = System.currentTimeMillis();
    for (String hash : codeHashes) {
      chain = chain.compose(done -> run(conn, "recoveryInsert", Ids.newId(), userId, hash, now).mapEmpty());
    }
    return chain;
  }

  @Override
  public Future<Boolean> removeTotp(String userId, Mail mail, Actor actor) {
    return change(conn -> run(conn, "totpDelete", userId).compose(rows -> dropCodesWhenNoFactor(conn, userId).map(rows.rowCount() > 0)),
        userId, "mfa_totp_removed", new JsonObject(), mail, actor);
  }

  private Future<Void> dropCodesWhenNoFactor(SqlConnection conn, String userId) {
    return factors(conn, userId).compose(left -> left.any() ? Future.succeededFuture() : run(conn, "recoveryDelete", userId).mapEmpty());
  }

  @Override
  public Future<Void> replaceRecoveryCodes(String userId, List<String> codeHashes, Mail mail, Actor actor) {
    return change(conn -> factors(conn, userId).compose(now -> now.any() ? insertCodes(conn, userId, codeHashes)
            : Future.failedFuture(Failure.conflict("no-factor", "detail.conflict.no_factor", null))),
        userId, "mfa_recovery_codes_regenerated", new JsonObject(), mail, actor);
  }

  @Override
  public Future<Integer> useRecoveryCode(String userId, String codeHash, Mail mail, Actor actor) {
    return pool.withTransaction(conn -> run(conn, "recoveryUnused", userId).compose(rows -> {
      String match = null;
      byte[] wanted = codeHash.getBytes(StandardCharsets.UTF_8);
      for (Row row : rows) {
        // Every unused code is compared, in constant time, so the time taken says nothing about which one matched.
        if (MessageDigest.isEqual(row.getString("code_hash").getBytes(StandardCharsets.UTF_8), wanted) && match == null) {
          match = row.getString("id");
        }
      }
      if (match == null) {
        return Future.succeededFuture(-1);
      }
      return run(conn, "recoveryUse", System.currentTimeMillis(), match).compose(used -> used.rowCount() == 0
          ? Future.succeededFuture(-1)
          : run(conn, "recoveryLeft", userId).compose(left -> {
            int count = (int) Rows.count(left);
            return audit.write(conn, actor, "mfa_recovery_code_used", userId, new JsonObject().put("left", count))
                .compose(done -> outbox.enqueue(conn, mail.toJson().put("userId", userId)))
                .map(count);
          }));
    })).onSuccess(left -> outbox.wake());
  }

  @Override
  public Future<Boolean> addPasskey(Passkey passkey, List<String> codeHashes, Mail mail, Actor actor) {
    return change(conn -> run(conn, "passkeyInsert", passkey.id(), passkey.userId(), passkey.credentialId(), passkey.publicKey(),
            passkey.signCount(), passkey.aaguid(), passkey.name(), System.currentTimeMillis())
            .recover(e -> Future.failedFuture(Failure.conflict("passkey-registered", "detail.conflict.passkey_registered", null)))
            .compose(done -> issueCodesIfNone(conn, passkey.userId(), codeHashes)),
        passkey.userId(), "mfa_passkey_added", new JsonObject().put("passkeyId", passkey.id()).put("name", passkey.name()), mail, actor);
  }

  @Override
  public Future<List<Passkey>> findPasskeys(String userId, String credentialId) {
    return findPasskeys(pool, userId, credentialId);
  }

  private Future<List<Passkey>> findPasskeys(SqlClient client, String userId, String credentialId) {
    Future<io.vertx.sqlclient.RowSet<Row>> rows = credentialId == null ? run(client, "passkeys", userId)
        : run(client, "passkeyByCredential", credentialId);
    return rows.map(found -> {
      List<Passkey> keys = new ArrayList<>();
      for (Row row : found) {
        if (userId == null || userId.equals(row.getString("user_id"))) {
          keys.add(new Passkey(row.getString("id"), row.getString("user_id"), row.getString("credential_id"), row.getString("public_key"),
              Rows.millis(row, "sign_count"), row.getString("aaguid"), row.getString("name"), Rows.millis(row, "created_at"),
              Rows.millis(row, "last_used_at")));
        }
      }
      return keys;
    });
  }

  @Override
  public Future<Void> usePasskey(String credentialId, long signCount) {
    return run(pool, "passkeyUse", signCount, System.currentTimeMillis(), credentialId).mapEmpty();
  }

  @Override
  public Future<Boolean> renamePasskey(String userId, String passkeyId, String name, Actor actor) {
    return pool.withTransaction(conn -> run(conn, "passkeyRename", name, passkeyId, userId).compose(rows -> rows.rowCount() == 0
        ? Future.succeededFuture(false)
        : audit.write(conn, actor, "mfa_passkey_renamed", userId, new JsonObject().put("passkeyId", passkeyId)).map(true)));
  }

  @Override
  public Future<Boolean> removePasskey(String userId, String passkeyId, Mail mail, Actor actor) {
    return pool.withTransaction(conn -> run(conn, "passkeyDelete", passkeyId, userId).compose(rows -> rows.rowCount() == 0
        ? Future.succeededFuture(false)
        : dropCodesWhenNoFactor(conn, userId)
            .compose(done -> audit.write(conn, actor, "mfa_passkey_removed", userId, new JsonObject().put("passkeyId", passkeyId)))
            .compose(done -> outbox.enqueue(conn, mail.toJson().put("userId", userId)))
            .map(true))).onSuccess(removed -> outbox.wake());
  }

  @Override
  public Future<Void> reset(String userId, Mail mail, Actor actor) {
    return change(conn -> run(conn, "totpDelete", userId).compose(done -> run(conn, "passkeysDelete", userId))
            .compose(done -> run(conn, "recoveryDelete", userId)).compose(done -> run(conn, "pendingDeleteUser", userId)).mapEmpty(),
        userId, "mfa_reset", new JsonObject(), mail, actor);
  }

  /** One change in a transaction, with its audit row and its notice mail. */
  private <T> Future<T> change(java.util.function.Function<SqlConnection, Future<T>> write, String userId, String event,
                               JsonObject detail, Mail mail, Actor actor) {
    return pool.withTransaction(conn -> write.apply(conn)
        .compose(result -> audit.write(conn, actor, event, userId, detail)
            .compose(done -> outbox.enqueue(conn, mail.toJson().put("userId", userId)))
            .map(result))).onSuccess(result -> outbox.wake());
  }

  @Override
  public Future<Void> startPending(PendingSignIn pending) {
    return steps.startPending(pending);
  }

  @Override
  public Future<PendingSignIn> usePending(String tokenHash, boolean guess) {
    return steps.usePending(tokenHash, guess);
  }

  @Override
  public Future<Boolean> finishPending(String pendingId) {
    return steps.finishPending(pendingId);
  }

  @Override
  public Future<Boolean> completePending(PendingSignIn pending, String method, Actor actor) {
    return pool.withTransaction(conn -> run(conn, "pendingDelete", pending.id()).compose(deleted -> deleted.rowCount() != 1
        ? Future.succeededFuture(false)
        : audit.write(conn, actor, "mfa_succeeded", pending.userId(), new JsonObject().put("method", method)
            .put("enrolment", pending.enrolment())).map(true)));
  }

  @Override
  public Future<Void> saveChallenge(Challenge challenge) {
    return steps.saveChallenge(challenge);
  }

  @Override
  public Future<Challenge> takeChallenge(String challengeId) {
    return steps.takeChallenge(challengeId);
  }

  @Override
  public Future<MfaPolicy> policy() {
    return run(pool, "policy").map(rows -> {
      MfaPolicy stored = Rows.first(rows, row -> new MfaPolicy(roles(row.getString("required_roles")), row.getString("updated_by"),
          Rows.millis(row, "updated_at")));
      return stored == null ? new MfaPolicy(defaultRoles, null, null) : stored;
    });
  }

  private static List<String> roles(String stored) {
    return stored.isEmpty() ? List.of() : Arrays.asList(stored.split(","));
  }

  @Override
  public Future<MfaPolicy> setPolicy(List<String> requiredRoles, Actor actor) {
    long now = System.currentTimeMillis();
    return policy().compose(before -> pool.withTransaction(conn -> run(conn, "policySet", String.join(",", requiredRoles), actor.userId(), now)
        .compose(done -> audit.write(conn, actor, "mfa_policy_changed", null, new JsonObject()
            .put("before", String.join(",", before.requiredRoles())).put("after", String.join(",", requiredRoles))))))
        .map(done -> new MfaPolicy(requiredRoles, actor.userId(), now));
  }
}
