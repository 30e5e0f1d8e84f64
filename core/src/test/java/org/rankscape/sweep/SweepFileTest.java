package org.rankscape.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFileTest {
  @TempDir Path dir;

  private static final String VALID =
      """
      sweep { name = t, family = figure1-cnn }
      settings { samples = 100, epochs = 2 }
      grid { filters = [1, 2, 3], activation = [sigmoid, relu], seed = [1] }
      """;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("sweep.conf");
    Files.writeString(f, text);
    return f;
  }

  private SweepConfigException rejected(String text, String... overrides) throws IOException {
    Path f = file(text);
    return assertThrows(SweepConfigException.class, () -> SweepFile.read(f, List.of(overrides)));
  }

  @Test
  void validFileExpandsToTheCartesianProductWithDefaultsFilledIn() throws IOException {
    SweepSpec spec = SweepFile.read(file(VALID), List.of());
    List<TrialSpec> trials = spec.trials();
    assertEquals(6, trials.size());
    // Keys alphabetically (activation, filters, seed), the first varying slowest; values in file
    // order.
    assertEquals(
        List.of("sigmoid", "sigmoid", "sigmoid", "relu", "relu", "relu"),
        trials.stream().map(t -> t.getString("activation")).toList());
    assertEquals(List.of(1, 2, 3, 1, 2, 3), trials.stream().map(t -> t.getInt("filters")).toList());
    assertEquals(1e-5, trials.get(0).getDouble("noise_variance"), "default filled in");
    assertEquals(List.of("conv1", "conv2"), trials.get(0).getStringList("layers"));
    assertEquals(
        6,
        trials.stream().map(TrialSpec::id).distinct().count(),
        "distinct settings, distinct ids");
  }

  @Test
  void overridesReplaceFileValuesAndNullRemovesAFixedSetting() throws IOException {
    SweepSpec spec =
        SweepFile.read(
            file(VALID),
            List.of(
                "settings.epochs=7",
                "grid.filters=[4]",
                "settings.samples=null",
                "grid.samples=[10, 20]"));
    assertEquals(4, spec.trials().size());
    assertTrue(
        spec.trials().stream().allMatch(t -> t.getInt("epochs") == 7 && t.getInt("filters") == 4));
    assertEquals(
        List.of(10, 20, 10, 20),
        spec.trials().stream().map(t -> t.getInt("samples")).toList().subList(0, 4));
  }

  @Test
  void unknownSettingIsRejectedNamingKeyAndLine() throws IOException {
    String msg = rejected(VALID.replace("epochs = 2", "epochs = 2, epoch = 3")).getMessage();
    assertTrue(msg.contains("settings.epoch") && msg.contains("sweep.conf:2"), msg);
  }

  @Test
  void unknownSectionAndSweepKeyAreRejected() throws IOException {
    assertTrue(rejected(VALID + "extra { a = 1 }").getMessage().contains("unknown key extra"));
    assertTrue(
        rejected(VALID.replace("name = t,", "name = t, nme = u,"))
            .getMessage()
            .contains("sweep.nme"));
  }

  @Test
  void wrongTypesAreRejectedNamingKeyValueAndExpectation() throws IOException {
    String msg = rejected(VALID.replace("epochs = 2", "epochs = two")).getMessage();
    assertTrue(
        msg.contains("settings.epochs")
            && msg.contains("\"two\"")
            && msg.contains("expected an integer"),
        msg);
    msg = rejected(VALID.replace("epochs = 2", "epochs = 2.5")).getMessage();
    assertTrue(msg.contains("settings.epochs") && msg.contains("integer"), msg);
  }

  @Test
  void impossibleValuesAreRejected() throws IOException {
    String msg = rejected(VALID.replace("[1, 2, 3]", "[1, 0, 3]")).getMessage();
    assertTrue(
        msg.contains("grid.filters[1]") && msg.contains("= 0") && msg.contains("[1, 10000]"), msg);
    msg = rejected(VALID.replace("samples = 100", "samples = 60001")).getMessage();
    assertTrue(
        msg.contains("settings.samples") && msg.contains("60001") && msg.contains("60000"), msg);
    msg = rejected(VALID.replace("[sigmoid, relu]", "[sigmoid, swish]")).getMessage();
    assertTrue(msg.contains("grid.activation[1]") && msg.contains("swish"), msg);
    msg = rejected(VALID.replace("epochs = 2", "epochs = 2, layers = [conv9]")).getMessage();
    assertTrue(msg.contains("settings.layers") && msg.contains("conv9"), msg);
  }

  @Test
  void emptyGridListMissingGridAndDuplicatesAreRejected() throws IOException {
    assertTrue(rejected(VALID.replace("[1, 2, 3]", "[]")).getMessage().contains("grid.filters"));
    assertTrue(
        rejected(VALID.replace("[1, 2, 3]", "[1, 2, 1]")).getMessage().contains("more than once"));
    assertTrue(
        rejected("sweep { name = t, family = figure1-cnn }\nsettings { epochs = 1, filters = 2 }\n")
            .getMessage()
            .contains("grid is missing"));
    assertTrue(
        rejected(
                "sweep { name = t, family = figure1-cnn }\n"
                    + "settings { epochs = 1, filters = 2 }\n"
                    + "grid {}\n")
            .getMessage()
            .contains("grid is empty"));
    assertTrue(rejected(VALID.replace("[1, 2, 3]", "3")).getMessage().contains("expected a list"));
  }

  @Test
  void settingInBothPlacesAndMissingRequiredSettingAreRejected() throws IOException {
    assertTrue(
        rejected(VALID.replace("samples = 100", "samples = 100, seed = 2"))
            .getMessage()
            .contains("seed appears both"));
    String msg = rejected(VALID.replace("samples = 100, epochs = 2", "samples = 100")).getMessage();
    assertTrue(msg.contains("epochs is required"), msg);
  }

  @Test
  void missingFileSyntaxErrorUnknownFamilyAndBadOverrideAreRejected() throws IOException {
    assertThrows(
        SweepConfigException.class, () -> SweepFile.read(dir.resolve("nope.conf"), List.of()));
    assertTrue(rejected("sweep { name = ").getMessage().contains("sweep.conf"));
    assertTrue(rejected(VALID.replace("figure1-cnn", "mlp")).getMessage().contains("figure1-cnn"));
    String msg = rejected(VALID.replace(", family = figure1-cnn", "")).getMessage();
    assertTrue(msg.startsWith("sweep.family is missing: expected one of ["), msg);
    assertTrue(msg.contains("figure1-cnn"), msg);
    assertTrue(rejected(VALID, "epochs").getMessage().contains("--set epochs"));
  }

  @Test
  void aSyntaxErrorNamesTheFileOnceWithItsLine() throws IOException {
    Path f = file("sweep { name = t }\nsettings { epochs = }\n");
    String msg =
        assertThrows(SweepConfigException.class, () -> SweepFile.read(f, List.of())).getMessage();
    assertTrue(msg.startsWith("sweep file " + f + ": 2: "), msg);
    assertEquals(msg.indexOf(f.toString()), msg.lastIndexOf(f.toString()), msg);
  }

  @Test
  void aSweepNameMustBeAPlainFileNameForTheOutputDirectory() throws IOException {
    for (String name : List.of("../../x", "/abs", "a/b", ".hidden", "..", "a b", "x".repeat(101))) {
      String msg = rejected(VALID.replace("name = t", "name = \"" + name + "\"")).getMessage();
      assertTrue(
          msg.startsWith("sweep.name (sweep.conf:1) = \"" + name + "\": expected 1 to 100 letters"),
          msg);
    }
    for (String name : List.of("t", "table2", "laptop-2.b_c", "_x", "x".repeat(100))) {
      assertEquals(
          name,
          SweepFile.read(file(VALID.replace("name = t", "name = \"" + name + "\"")), List.of())
              .name());
    }
  }

  @Test
  void sweepHashIgnoresLayoutButNotValues() throws IOException {
    String a = SweepFile.read(file(VALID), List.of()).sha256();
    String b = SweepFile.read(file(VALID.replace("\n", "\n# comment\n")), List.of()).sha256();
    String c = SweepFile.read(file(VALID), List.of("settings.epochs=3")).sha256();
    assertEquals(a, b);
    assertTrue(!a.equals(c));
  }
}
