package dev.gerbang;

import dev.gerbang.config.AppConfig;
import dev.gerbang.db.Cursors;
import dev.gerbang.db.DatabaseVerticle;
import dev.gerbang.notify.Templates;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the commands that work on the database share (create-admin, seed-demo): a Vert.x with only the
 * database worker (so migrations run and the data services answer), one line on failure, a clean close.
 */
final class DatabaseCommand {
  /** The command's work, given the running Vert.x; answers the process exit code. */
  interface Body {
    int run(Vertx vertx) throws Exception;
  }

  private DatabaseCommand() {
  }

  static int run(AppConfig config, String name, Body body) {
    Templates templates = new Templates(Path.of("").toAbsolutePath(), config.mailDefaultLocale());
    Vertx vertx = Vertx.vertx();
    try {
      // A command hands out no list cursors: a one-off key, so that it neither reads nor writes the key file.
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Cursors cursors = new Cursors(key);
      vertx.deployVerticle(() -> new DatabaseVerticle(config, templates, cursors), new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
          .await(60, TimeUnit.SECONDS);
      return body.run(vertx);
    } catch (Exception e) {
      System.err.println("gerbang: " + name + " failed: " + e.getMessage());
      return 1;
    } finally {
      try {
        vertx.close().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("gerbang: could not close cleanly: " + e.getMessage());
      }
    }
  }

  /** Waits for a service answer from the command's (plain) thread. */
  static <T> T await(Future<T> future) throws Exception {
    return future.await(30, TimeUnit.SECONDS);
  }
}
