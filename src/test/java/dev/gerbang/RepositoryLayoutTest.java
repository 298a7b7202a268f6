package dev.gerbang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The repository's top level is the layout ARCHITECTURE.md fixes, and what local tools leave behind (an attack
 * tool's report, a demo data dir, logs) is ignored, so a clean clone holds nothing a run happened to write.
 */
class RepositoryLayoutTest {
  private static final Set<String> TOP_LEVEL = Set.of(".ci", ".gitignore", ".mvn", "Dockerfile", "README.md", "README.id.md", "bench",
      "conf", "docs", "mvnw", "mvnw.cmd", "pom.xml", "src", "webroot");

  /** Runs git in the project directory; null when git or the repository is not there (a source tarball). */
  private static Run git(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return null;
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out);
  }

  private record Run(int exit, String out) {
  }

  @Test
  void theTopLevelHoldsOnlyTheFixedLayoutAndToolOutputIsIgnored() throws Exception {
    Run files = git("ls-files");
    assumeThat(files != null && files.exit() == 0).as("needs a git checkout").isTrue();

    TreeSet<String> top = new TreeSet<>();
    files.out().lines().forEach(path -> top.add(path.split("/", 2)[0]));
    assertThat(top).as("tracked top-level entries").isSubsetOf(TOP_LEVEL);

    for (String output : List.of("admin.txt", "sqlmap-login.txt", "server.log", "demo-data/gerbang.db", "data/keys.json", ".env")) {
      assertThat(git("check-ignore", "-q", "--no-index", output).exit()).as(output + " is ignored").isZero();
    }
    assertThat(git("check-ignore", "-q", "--no-index", "docs/security.md").exit()).as("docs stay tracked").isEqualTo(1);
  }

  /** A merge that left its conflict markers in a file stops the build here, not as a blank page in the browser tests. */
  @Test
  void noTrackedFileHoldsAMergeConflictMarker() throws Exception {
    Run found = git("grep", "-n", "-I", "-E", "^(<<<<<<< |>>>>>>> |\\|\\|\\|\\|\\|\\|\\| )");
    assumeThat(found != null).as("needs git").isTrue();
    assertThat(found.exit()).as("conflict markers:%n%s", found.out()).isEqualTo(1);
  }
}
