package dev.gerbang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The class-data-sharing archive's training run: a real start, a first visit that must all succeed, nothing left. */
class TrainCommandTest {
  private static Set<Path> trainingDirs() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(path -> path.getFileName().toString().startsWith("gerbang-train")).collect(Collectors.toSet());
    }
  }

  @Test
  void theTrainingRunStartsServesAFirstVisitStopsAndLeavesNothing() throws IOException {
    Set<Path> before = trainingDirs();

    assertThat(TrainCommand.run()).isZero();

    assertThat(trainingDirs()).as("the throw-away data dir is gone").isEqualTo(before);
  }
}
