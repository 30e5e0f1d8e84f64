package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rankscape.sweep.Families;

/**
 * The README documents what the code does: its schema tables are the code's, its test command is
 * CI's.
 */
class ReadmeTest {
  static final Path HOME =
      Path.of(System.getProperty("rankscape.home", "..")).toAbsolutePath().normalize();

  @Test
  void readmeHoldsEverySettingsAndSchemaTableAsTheCodeDefinesThem() throws IOException {
    String readme = Files.readString(HOME.resolve("README.md"));
    for (String family : List.of("figure1-cnn", "two-layer-relu")) {
      String schema = SchemaCommand.markdown(Families.byName(family));
      for (String block : schema.split("\n(?=#### )")) {
        assertTrue(
            readme.contains(block.strip()),
            "README.md lacks, or has a stale copy of, the table:\n"
                + block
                + "\nRegenerate with: submit/rankscape schema --family "
                + family);
      }
    }
  }

  @Test
  void ciRunsExactlyTheReadmesTestCommand() throws IOException {
    String readme = Files.readString(HOME.resolve("README.md"));
    String ci = Files.readString(HOME.resolve(".ci/run"));
    assertTrue(readme.contains("\nmvn -B verify "), "README names the test command");
    assertTrue(ci.contains("\nmvn -B verify\n"), ".ci/run runs it");
  }
}
