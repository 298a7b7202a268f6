package dev.gerbang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md and README.id.md show the same commands, so that the Indonesian one never falls behind. A command is a
 * line of a ```bash or ```sh block whose first word, after any NAME=value assignments, is ./mvnw, java, curl, docker
 * or git (an assignment of a command substitution, TOKEN=$(curl ..., counts as its command); it is compared without
 * its trailing comment, line continuation and surplus spaces, so the comments may differ in language.
 */
class ReadmeParityTest {
  private static final Set<String> COMMANDS = Set.of("./mvnw", "java", "curl", "docker", "git");
  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z]*).*$");
  private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=(.*)$");
  private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s+#\\s.*$");

  @Test
  void everyCommandOfEachReadmeIsInTheOther() throws IOException {
    Map<String, Integer> english = commands(Path.of("README.md"));
    Map<String, Integer> indonesian = commands(Path.of("README.id.md"));
    assertThat(english).as("commands in README.md").hasSizeGreaterThan(10);

    List<String> missing = new ArrayList<>();
    english.forEach((command, line) -> {
      if (!indonesian.containsKey(command)) {
        missing.add("README.id.md lacks the command of README.md line " + line + ": " + command);
      }
    });
    indonesian.forEach((command, line) -> {
      if (!english.containsKey(command)) {
        missing.add("README.md lacks the command of README.id.md line " + line + ": " + command);
      }
    });
    assertThat(missing).as(String.join("\n", missing)).isEmpty();
  }

  @Test
  void theCommandDefinitionSeesAssignmentsSubstitutionsAndIgnoresComments() {
    assertThat(command("./mvnw verify      # build and run every test")).isEqualTo("./mvnw verify");
    assertThat(command("GERBANG_DATA_DIR=./demo-data java -jar target/gerbang.jar seed-demo"))
        .isEqualTo("GERBANG_DATA_DIR=./demo-data java -jar target/gerbang.jar seed-demo");
    assertThat(command("TOKEN=$(curl -s -X POST localhost:8080/api/auth/login \\")).isEqualTo("TOKEN=$(curl -s -X POST localhost:8080/api/auth/login");
    assertThat(command("  -d '{\"email\":\"a@b.c\"}' \\")).isNull();
    assertThat(command("GERBANG_HTTP_PORT=9090")).isNull();
    assertThat(command("bench/cluster.sh up")).isNull();
  }

  @Test
  void theEnglishReadmeLinksTheIndonesianOneAtTheTop() throws IOException {
    List<String> top = Files.readAllLines(Path.of("README.md")).subList(0, 5);
    assertThat(String.join("\n", top)).contains("](README.id.md)");
    assertThat(Files.readString(Path.of("README.id.md"))).contains("](README.md)");
  }

  /** Each command of a README, with the line it is first on. */
  private static Map<String, Integer> commands(Path readme) throws IOException {
    Map<String, Integer> found = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(readme);
    String block = null;
    for (int i = 0; i < lines.size(); i++) {
      var fence = FENCE.matcher(lines.get(i));
      if (fence.matches()) {
        block = block == null ? fence.group(1) : null;
        continue;
      }
      if ("bash".equals(block) || "sh".equals(block)) {
        String command = command(lines.get(i));
        if (command != null) {
          found.putIfAbsent(command, i + 1);
        }
      }
    }
    return found;
  }

  /** The line as a command, normalized; null when it is no command. */
  static String command(String line) {
    String text = TRAILING_COMMENT.matcher(line.strip()).replaceFirst("").strip();
    if (text.endsWith("\\")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    text = text.replaceAll("\\s+", " ");
    for (String word : text.split(" ")) {
      var assignment = ASSIGNMENT.matcher(word);
      if (!assignment.matches()) {
        return COMMANDS.contains(word) ? text : null;
      }
      String value = assignment.group(1);
      if (value.startsWith("$(")) {
        return COMMANDS.contains(value.substring(2)) ? text : null;
      }
    }
    return null;
  }
}
