package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.spark.LoopbackPorts;
import org.rankscape.spark.cli.SweepResumeTest.Run;
import org.rankscape.spectra.SpectrumPlan.Route;
import org.rankscape.sweep.SweepPlan;

/**
 * {@code sweep --dry-run}: prints the plan and exits 0 when it fits, 2 with one stderr line when it
 * does not; reads no data, connects to no master, starts no Spark and writes nothing. A run is
 * refused by the same plan. Each case takes well under a second (no training, no Spark).
 */
class SweepDryRunTest {
  static final Path CONF = ReadmeTest.HOME.resolve("conf");

  /** The cluster of README's "Planning a cluster run": 8 nodes of 16 cores and 64 GB. */
  static final List<String> README_CLUSTER =
      List.of("--properties-file", CONF.resolve("spark-cluster.properties").toString());

  @TempDir Path tmp;

  private Run dryRun(List<String> extra) {
    List<String> args = new ArrayList<>();
    args.add(CONF.resolve("table2.conf").toString());
    args.add("--dry-run");
    // An unreachable master and no MNIST: a run would be refused on either, a dry run reads
    // neither.
    args.addAll(List.of("--master", "spark://127.0.0.1:" + LoopbackPorts.refusing()));
    args.addAll(List.of("--data", tmp.resolve("no-mnist").toString()));
    args.addAll(List.of("--out", tmp.resolve("out").toString()));
    args.addAll(README_CLUSTER);
    args.addAll(extra);
    return SweepResumeTest.sweep(args.toArray(String[]::new));
  }

  private void assertNothingRanOrWritten() {
    assertFalse(Files.exists(tmp.resolve("out")), "the output directory was created");
    assertTrue(SparkContext$.MODULE$.getActive().isEmpty(), "a SparkContext was started");
  }

  @Test
  void table2FitsTheReadmeClusterAndNothingRunsOrIsWritten() {
    Run run = dryRun(List.of());
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.err());
    assertNothingRanOrWritten();
    for (SweepPlan.Column c : SweepPlan.Column.values()) {
      assertTrue(run.out().contains(c.header()), c.header() + " in\n" + run.out());
    }
    assertTrue(run.out().contains("measured here"), run.out());
    assertTrue(
        run.out().contains("8 executors (spark.executor.instances = 8) × 16 cores"), run.out());
    // F3 (60,000 × 2,880, tall) by TSQR across the cluster; F1 from T1 = 20 by the block QR.
    assertTrue(
        run.out()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("filters=10 ")
                        && l.contains("conv2")
                        && l.contains(Route.CLUSTER_TSQR.label())),
        run.out());
    assertTrue(
        run.out()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("filters=100 ")
                        && l.contains("60000 × 67600")
                        && l.contains(Route.CLUSTER_BLOCK_QR.label())),
        run.out());
    assertTrue(run.out().contains("every spectrum fits"), run.out());
  }

  @Test
  void aDriverTooSmallExitsTwoNamingTheFirstTrialAndLayerWithTheNumbers() {
    Run run = dryRun(List.of("--conf", "spark.driver.memory=4g", "--dgemm-gflops", "30"));
    assertEquals(2, run.exit(), run.err());
    List<String> lines = run.err().lines().toList();
    assertEquals(1, lines.size(), run.err());
    for (String part :
        List.of("filters=50", "conv1", "60000 × 33800", "cluster-block-qr", "4.88 GB", "4.29 GB")) {
      assertTrue(lines.get(0).contains(part), part + " in " + lines.get(0));
    }
    assertTrue(run.out().contains("30.0 GFlop/s (--dgemm-gflops)"), run.out());
    assertNothingRanOrWritten();
  }

  @Test
  void executorsTooSmallExitTwoNamingTheExecutorsNeed() {
    Run run = dryRun(List.of("--conf", "spark.executor.memory=2g", "--dgemm-gflops", "30"));
    assertEquals(2, run.exit(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains("filters=40"), run.err());
    assertTrue(run.err().contains("needs 2.36 GB per executor, but an executor has 2.15 GB"));
    assertNothingRanOrWritten();
  }

  @Test
  void aRunIsRefusedByTheSamePlanBeforeAnythingIsWritten() {
    // The smoke sweep's F1 (200 × 1352) F3 (200 × 2880) need more than 4 MiB in one local JVM.
    Run run =
        SweepResumeTest.sweep(
            CONF.resolve("smoke.conf").toString(),
            "--master",
            "local[1]",
            "--conf",
            "spark.driver.memory=4m",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(2, run.exit(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains("in the driver JVM (local mode"), run.err());
    assertTrue(run.err().contains("--dry-run"), run.err());
    assertNothingRanOrWritten();
  }

  @Test
  void aConfThatIsNotASparkPropertyIsRefused() {
    Run run = dryRun(List.of("--conf", "executor.memory=2g"));
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("expected a Spark property"), run.err());
  }
}
