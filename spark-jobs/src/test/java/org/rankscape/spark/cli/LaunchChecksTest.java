package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rankscape.npy.NpyMatrix;
import org.rankscape.spark.LoopbackPorts;
import org.rankscape.spark.cli.SweepResumeTest.Run;

/**
 * A bad launch setting (master, driver heap), data location or sweep name is refused before
 * anything is written: exit 2, one line on stderr naming the value, no output directory. None of
 * these starts Spark; each takes well under a second (the unreachable master and name node refuse
 * the connection at once; LaunchSettingsTest and HadoopDataLocationTest cover silent ones).
 */
class LaunchChecksTest {
  @TempDir Path tmp;

  private Path out() {
    return tmp.resolve("out");
  }

  /** A sweep of the scripted test family: no data, no training. */
  private Path scriptedSweep(String name) throws IOException {
    return Files.writeString(
        tmp.resolve("scripted.conf"),
        "sweep { name = \"" + name + "\", family = test-scripted }\ngrid { x = [1] }\n");
  }

  /** Runs {@code sweep args --out OUT} and checks that it was refused as the class doc says. */
  private String refused(List<String> args, String... named) {
    Run run =
        SweepResumeTest.sweep(
            Stream.concat(args.stream(), Stream.of("--out", out().toString()))
                .toArray(String[]::new));
    assertEquals(2, run.exit(), run.err());
    List<String> lines = run.err().lines().toList();
    assertEquals(1, lines.size(), run.err());
    for (String value : named) {
      assertTrue(lines.get(0).contains(value), "names " + value + ": " + lines.get(0));
    }
    assertFalse(Files.exists(out()), "the output directory was created");
    return lines.get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"local[0]", "bogus", "local[0,3]", "local-cluster[2,0,1024]"})
  void aMalformedMasterIsRefused(String master) throws IOException {
    refused(List.of(scriptedSweep("t").toString(), "--master", master), master, "--master");
  }

  @Test
  void theMasterSparkSubmitSetIsTheOneChecked() throws IOException {
    System.setProperty(SparkSessions.MASTER_PROPERTY, "local[0]");
    try {
      refused(List.of(scriptedSweep("t").toString()), "local[0]", "spark.master");
    } finally {
      System.clearProperty(SparkSessions.MASTER_PROPERTY);
    }
  }

  @Test
  void yarnWithoutItsConfigurationDirectoryIsRefused() throws IOException {
    assumeTrue(
        System.getenv("HADOOP_CONF_DIR") == null && System.getenv("YARN_CONF_DIR") == null,
        "this JVM's environment names a Hadoop configuration (LaunchSettingsTest covers it)");
    refused(
        List.of(scriptedSweep("t").toString(), "--master", "yarn"),
        "yarn",
        "HADOOP_CONF_DIR",
        "YARN_CONF_DIR");
  }

  @Test
  void anUnreachableStandaloneMasterIsRefusedWithinSeconds() throws IOException {
    String master = "spark://127.0.0.1:" + LoopbackPorts.refusing();
    long start = System.nanoTime();
    refused(
        List.of(scriptedSweep("t").toString(), "--master", master), master, "connection refused");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 20, seconds + " s");
  }

  @Test
  void aDriverHeapBelowSparksMinimumIsRefused() throws IOException {
    // Spark's own override of the heap it sees: as if started with -Xmx300m.
    System.setProperty("spark.testing.memory", String.valueOf(300L << 20));
    try {
      refused(
          List.of(scriptedSweep("t").toString(), "--master", "local[1]"),
          "300.0 MiB",
          "450.0 MiB",
          "RANKSCAPE_JAVA_OPTS",
          "--driver-memory");
    } finally {
      System.clearProperty("spark.testing.memory");
    }
  }

  @Test
  void dataOnAFileSystemNoProviderServesIsRefused() {
    refused(
        List.of(smokeSweep(), "--master", "local[1]", "--data", "bogus://x/y"),
        "bogus://x/y",
        "no file system for scheme bogus");
  }

  @Test
  void dataOnAnUnreachableNamenodeIsRefusedWithinSeconds() throws IOException {
    String uri = "hdfs://127.0.0.1:" + LoopbackPorts.refusing() + "/data/mnist";
    long start = System.nanoTime();
    refused(
        List.of(smokeSweep(), "--master", "local[1]", "--data", uri), uri, "connection refused");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 20, seconds + " s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../x", "/abs", "a/b", ".hidden", ".."})
  void aSweepNameThatIsNotAPlainFileNameIsRefused(String name) throws IOException {
    refused(
        List.of(scriptedSweep(name).toString(), "--master", "local[1]"),
        "sweep.name",
        "\"" + name + "\"",
        "letters, digits");
  }

  @Test
  void rankRefusesAMalformedMasterToo() {
    Path file = tmp.resolve("m.npy");
    NpyMatrix.write(file, new double[] {1, 0, 0, 1}, 2, 2, "<f8", false);
    StringWriter err = new StringWriter();
    int code =
        Rankscape.execute(
            new PrintWriter(err, true), "rank", file.toString(), "--master", "local[0]");
    assertEquals(2, code, err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("local[0]"), err.toString());
  }

  private static String smokeSweep() {
    return ReadmeTest.HOME.resolve("conf").resolve("smoke.conf").toString();
  }
}
