package dev.gerbang;

import dev.gerbang.cluster.Cluster;
import dev.gerbang.cluster.ClusterSettings;
import dev.gerbang.config.AppConfig;
import dev.gerbang.config.ConfigException;
import dev.gerbang.db.DatabaseVerticle;
import dev.gerbang.failure.Failure;
import dev.gerbang.http.Messages;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the commands that work on the database share (create-admin, seed-demo): a Vert.x with only the
 * database worker (so migrations run and every feature's data services answer), the node's kernel (the
 * hasher, the password policy), one line on failure, a clean close.
 */
final class DatabaseCommand {
  /** The command's work, given the running Vert.x and the kernel; answers the process exit code. */
  interface Body {
    int run(Vertx vertx, Components components) throws Exception;
  }

  private DatabaseCommand() {
  }

  static int run(AppConfig config, String name, Body body) {
    Vertx vertx = Vertx.vertx();
    Failure.registerCodec(vertx);
    try {
      // A command works on the database alone: it never joins the cluster.
      Components components = Components.create(new Cluster(vertx, null, ClusterSettings.from(config)), config);
      List<Feature> features = Features.of(vertx, components);
      vertx.deployVerticle(() -> new DatabaseVerticle(config, features, components.cursors(), components.events()),
              new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
          .await(60, TimeUnit.SECONDS);
      return body.run(vertx, components);
    } catch (ConfigException e) {
      System.err.println("gerbang: configuration error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      // A business failure carries a message key: print its English text.
      Failure failure = Failure.of(e);
      String why = failure == null ? e.getMessage()
          : Messages.bundled().render(Messages.ENGLISH, failure.getMessage(), failure.params());
      System.err.println("gerbang: " + name + " failed: " + why);
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
