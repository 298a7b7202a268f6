package dev.gerbang.secrets;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Secrets as files in the data dir (keys.json, vapid.json): mode 600 from their first byte, replaced atomically. */
public final class FileSecrets implements Secrets {
  private final Path dir;

  public FileSecrets(Path dir) {
    this.dir = dir;
  }

  @Override
  public JsonObject readOrCreate(String name, Supplier<JsonObject> create) {
    Path file = dir.resolve(name);
    try {
      if (Files.exists(file)) {
        return new JsonObject(Files.readString(file));
      }
    } catch (DecodeException e) {
      // The parser's message may quote the file, and the file holds keys.
      throw new IllegalStateException(file + " is not JSON");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    JsonObject document = create.get();
    write(name, document);
    return document;
  }

  @Override
  public void write(String name, JsonObject document) {
    Path file = dir.resolve(name);
    Path temp = file.resolveSibling(name + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(temp);
      // Mode 600 from the start, so the secrets are never readable under a looser umask, not even briefly. On a
      // file system without POSIX permissions (Windows) the data directory's own permissions apply.
      if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(temp, document.encodePrettily(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public String describe(String name) {
    return dir.resolve(name).toString();
  }
}
