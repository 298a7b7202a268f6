package dev.gerbang.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own checker, found on the PATH (Debian's prometheus package installs /usr/bin/promtool). A test that
 * needs it calls {@link #required()}: without it the test is reported as skipped, with the reason, the way the
 * browser tests skip without chromium.
 */
final class Promtool {
  static final String MISSING = "promtool checks skipped: promtool is not on the PATH (install it with: apt-get install -y prometheus)";

  record Run(int exit, String out) {
  }

  private final Path executable;

  private Promtool(Path executable) {
    this.executable = executable;
  }

  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The installed promtool; a JUnit assumption failure (the test is skipped, saying why) without one. */
  static Promtool required() {
    Optional<Path> found = find();
    assumeTrue(found.isPresent(), MISSING);
    return new Promtool(found.get());
  }

  /** Runs promtool with these arguments (in the project directory), waiting up to a minute; its output merged. */
  Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool " + String.join(" ", args) + " did not finish within a minute");
    }
    return new Run(process.exitValue(), out);
  }
}
