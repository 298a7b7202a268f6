package dev.gerbang.secrets;

import dev.gerbang.db.Database;
import dev.gerbang.db.Sql;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Secrets kept in PostgreSQL for a cluster (table shared_secrets), encrypted with AES-256-GCM under a key derived
 * from the cluster's secret (cluster.secret, from the environment): the database alone does not give them away.
 * The first node to start makes each one under a transaction-scoped advisory lock, so nodes starting together
 * agree on one; the name is bound into the ciphertext (GCM's associated data), so rows cannot be swapped.
 */
public final class DatabaseSecrets implements Secrets {
  /** An arbitrary constant naming the lock: "gerbang secrets". */
  private static final long LOCK = 0x67657262616e6701L;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final DataSource dataSource;
  private final SecretKeySpec key;
  private final Sql sql = Sql.load("secrets", Database.Dialect.POSTGRESQL);

  public DatabaseSecrets(DataSource dataSource, String clusterSecret) {
    this.dataSource = dataSource;
    this.key = new SecretKeySpec(derive(clusterSecret), "AES");
  }

  private static byte[] derive(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal("gerbang shared secrets v1".getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public JsonObject readOrCreate(String name, Supplier<JsonObject> create) {
    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      try {
        lock(conn);
        JsonObject existing = read(conn, name);
        JsonObject document = existing != null ? existing : create.get();
        if (existing == null) {
          upsert(conn, name, document);
        }
        conn.commit();
        return document;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the shared secret " + name + " from the database: " + e.getMessage(), e);
    }
  }

  @Override
  public void write(String name, JsonObject document) {
    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      lock(conn);
      upsert(conn, name, document);
      conn.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the shared secret " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe(String name) {
    return "the database's shared_secrets (" + name + ")";
  }

  private void lock(Connection conn) throws SQLException {
    try (PreparedStatement lock = conn.prepareStatement(sql.get("lock"))) {
      lock.setLong(1, LOCK);
      lock.execute();
    }
  }

  private JsonObject read(Connection conn, String name) throws SQLException {
    try (PreparedStatement select = conn.prepareStatement(sql.get("read"))) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? new JsonObject(decrypt(name, rows.getString(1))) : null;
      }
    }
  }

  private void upsert(Connection conn, String name, JsonObject document) throws SQLException {
    try (PreparedStatement upsert = conn.prepareStatement(sql.get("upsert"))) {
      upsert.setString(1, name);
      upsert.setString(2, encrypt(name, document.encode()));
      upsert.setLong(3, System.currentTimeMillis());
      upsert.executeUpdate();
    }
  }

  private String encrypt(String name, String plain) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String decrypt(String name, String material) {
    try {
      byte[] all = Base64.getDecoder().decode(material);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the shared secret " + name + " does not open with this cluster.secret:"
          + " every node needs the same GERBANG_CLUSTER_SECRET");
    }
  }
}
