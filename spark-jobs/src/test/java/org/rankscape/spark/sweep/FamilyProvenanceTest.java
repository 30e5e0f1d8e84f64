package org.rankscape.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rankscape.results.Column;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.Families;
import org.rankscape.sweep.SweepTables;

/** The provenance columns of the trials table: the machinery's, and those the family declares. */
class FamilyProvenanceTest {
  private static final List<String> MACHINERY =
      List.of(
          "wall_seconds",
          "started_at",
          "host",
          "java_version",
          "os_arch",
          "cpu_model",
          "cpu_features",
          "cpu_cores",
          "project_version",
          "git_commit",
          "git_dirty",
          "spark_version",
          "sweep_sha256");

  @Test
  void aFamilyWithoutLibrariesGetsOnlyTheMachinerysProvenance() {
    assertEquals(MACHINERY, names(Families.byName(ScriptedFamily.NAME)));
  }

  @Test
  void figure1CnnKeepsItsLibraryVersionsRightAfterTheJavaVersion() {
    List<String> expected = new ArrayList<>(MACHINERY);
    expected.addAll(4, List.of("dl4j_version", "nd4j_backend"));
    assertEquals(expected, names(Families.byName("figure1-cnn")));
  }

  private static List<String> names(ExperimentFamily family) {
    return SweepTables.provenanceColumns(family).stream().map(Column::name).toList();
  }
}
