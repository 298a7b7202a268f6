package dev.gerbang;

import dev.gerbang.config.AppConfig;
import dev.gerbang.config.ConfigException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** `java -jar gerbang.jar [serve | create-admin --email ... | seed-demo [--force] | train | help]`. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    AppConfig config;
    try {
      config = AppConfig.load(Path.of("").toAbsolutePath(), System.getenv());
    } catch (ConfigException e) {
      System.err.println("gerbang: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    switch (command) {
      case "serve" -> serve(config);
      case "create-admin" -> System.exit(AdminCommand.run(config, rest));
      case "seed-demo" -> System.exit(DemoCommand.run(config, rest));
      case "train" -> System.exit(TrainCommand.run());
      case "help", "--help", "-h" -> System.out.println(usage());
      default -> {
        System.err.println("gerbang: unknown command '" + command + "'\n" + usage());
        System.exit(2);
      }
    }
  }

  static String usage() {
    return """
        usage: java -jar gerbang.jar [command]
          serve                          start the server (the default)
          create-admin --email EMAIL [--name NAME]
                                         make an account an admin; creates it if needed, reading its
                                         password from standard input (or GERBANG_ADMIN_PASSWORD)
          seed-demo [--force]            demo data: an admin, an editor, two doctors, three patients,
                                         a dozen medical records, a blog with comments and likes, and
                                         notifications (see the README); refuses a database that
                                         already holds users unless --force
          train                          start and stop once on a throw-away data dir, with the requests of a
                                         first visit: the training run of the class-data-sharing archive
                                         that ./mvnw package makes (target/gerbang.jsa)
          help                           this text""";
  }

  private static void serve(AppConfig config) {
    long started = System.nanoTime();
    Gerbang gerbang;
    try {
      gerbang = Gerbang.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof ConfigException) {
        System.err.println("gerbang: configuration error: " + cause.getMessage());
        System.exit(2);
        return;
      }
      System.err.println("gerbang: could not start: " + cause.getMessage());
      log.debug("start-up failure", cause);
      System.exit(1);
      return;
    }
    log.info("Gerbang is ready at {} (data in {}, started in {} ms)", config.publicUrl(), config.dataDir(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      long stopping = System.nanoTime();
      log.info("stopping: finishing in-flight requests");
      gerbang.stop();
      log.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
    }, "gerbang-shutdown"));
  }
}
