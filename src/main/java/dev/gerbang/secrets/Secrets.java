package dev.gerbang.secrets;

import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * Where the server keeps the secrets every node must share (the JWT and token keys, the VAPID key pair): small
 * JSON documents made once and then only read. One node keeps them in its data dir ({@link FileSecrets}); a
 * cluster in the database, encrypted with the cluster's secret ({@link DatabaseSecrets}), so that no file is
 * copied by hand. Blocking: call from a plain thread at start-up.
 */
public interface Secrets {
  /** The document of this name, made with create (once in all, even when nodes start together) when missing. */
  JsonObject readOrCreate(String name, Supplier<JsonObject> create);

  /** Replaces the document (a key rotation): every node reads the new one at its next start or reload. */
  void write(String name, JsonObject document);

  /** Where the documents live, for messages. */
  String describe(String name);
}
