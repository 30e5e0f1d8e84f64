package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rankscape.spark.LoopbackPorts;
import org.rankscape.spectra.SpectrumPlan;

/** The rules of {@link LaunchSettings}, with the environment and heap injected. */
class LaunchSettingsTest {
  /** Spark's minimum heap: 1.5 × 300 MiB. */
  private static final long MINIMUM = 450L << 20;

  private static final long AMPLE = 4L << 30;

  private static LaunchSettings settings(
      String master, Map<String, String> properties, Map<String, String> env, long heap) {
    return new LaunchSettings(master, "--master", properties, env, heap);
  }

  private static LaunchSettings settings(String master) {
    return settings(master, Map.of(), Map.of(), AMPLE);
  }

  private static String rejected(LaunchSettings s) {
    return assertThrows(LaunchSettings.Rejected.class, s::check).getMessage();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "local",
        "local[1]",
        "local[*]",
        "local[2,3]",
        "local[*, 4]",
        "local-cluster[1, 1, 1024]"
      })
  void sparksLocalFormsAreAccepted(String master) {
    assertDoesNotThrow(settings(master)::check);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "local[0]",
        "local[-1]",
        "local[2 ]",
        "local[99999999999]",
        "local-cluster[1,1,0]",
        "Local[2]",
        "spark://",
        "spark://master",
        "spark://master:7077/path",
        "spark://master:7077,other",
        "yarn-client"
      })
  void malformedMastersAreRejectedNamingTheMaster(String master) {
    String msg = rejected(settings(master));
    assertTrue(msg.startsWith("Spark master " + master + " (--master): expected"), msg);
  }

  @Test
  void yarnNeedsAHadoopConfigurationDirectoryInClientModeAndSparkYarn() {
    String msg = rejected(settings("yarn"));
    assertTrue(msg.contains("neither HADOOP_CONF_DIR nor YARN_CONF_DIR is set"), msg);
    msg = rejected(settings("yarn", Map.of(), Map.of("YARN_CONF_DIR", "/etc/hadoop"), AMPLE));
    assertTrue(msg.contains("spark-yarn is not on the classpath"), msg);
    msg = rejected(settings("yarn", Map.of("spark.submit.deployMode", "cluster"), Map.of(), AMPLE));
    assertTrue(msg.contains("spark-yarn is not on the classpath"), msg);
  }

  @Test
  void kubernetesNeedsSparkKubernetes() {
    String msg = rejected(settings("k8s://https://api:6443"));
    assertTrue(msg.contains("spark-kubernetes is not on the classpath"), msg);
  }

  @Test
  void theHeapMinimumIsSparksToTheByte() {
    assertDoesNotThrow(settings("local[1]", Map.of(), Map.of(), MINIMUM)::check);
    String msg = rejected(settings("local[1]", Map.of(), Map.of(), MINIMUM - 1));
    assertTrue(msg.contains("450.0 MiB") && msg.contains("RANKSCAPE_JAVA_OPTS"), msg);
    // Spark's test mode reserves nothing.
    assertDoesNotThrow(
        settings("local[1]", Map.of("spark.testing", "1"), Map.of(), 1L << 20)::check);
  }

  @Test
  void executorMemoryBelowTheMinimumIsRejectedNamingTheProperty() {
    String msg =
        rejected(settings("local[1]", Map.of("spark.executor.memory", "300m"), Map.of(), AMPLE));
    assertTrue(msg.startsWith("spark.executor.memory = 300m (300.0 MiB)"), msg);
    msg = rejected(settings("local[1]", Map.of("spark.executor.memory", "lots"), Map.of(), AMPLE));
    assertTrue(msg.contains("expected a size"), msg);
    assertDoesNotThrow(
        settings("local[1]", Map.of("spark.executor.memory", "8g"), Map.of(), AMPLE)::check);
  }

  @Test
  void oneLiveStandaloneMasterOfSeveralIsEnough() throws IOException {
    int dead = LoopbackPorts.refusing();
    try (ServerSocket live = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String both = "spark://127.0.0.1:" + dead + ",127.0.0.1:" + live.getLocalPort();
      assertDoesNotThrow(settings(both)::check);
    }
    String msg = rejected(settings("spark://127.0.0.1:" + dead + ",no-such-host.invalid:7077"));
    assertTrue(
        msg.contains("127.0.0.1:" + dead + ": connection refused")
            && msg.contains("no-such-host.invalid:7077: unknown host"),
        msg);
  }

  @Test
  void aStandaloneMasterThatNeverAnswersIsGivenUpAfterTheTimeout() throws IOException {
    try (LoopbackPorts.Silent silent = new LoopbackPorts.Silent()) {
      String master = "spark://127.0.0.1:" + silent.port();
      String msg =
          assertTimeoutPreemptively(Duration.ofSeconds(15), () -> rejected(settings(master)));
      assertTrue(msg.contains(master) && msg.contains("no answer within 5 s"), msg);
    }
  }

  @Test
  void localModeIsOneExecutorThatIsTheDriverJvm() {
    SpectrumPlan.Resources r =
        settings("local[3]", Map.of("spark.task.cpus", "1"), Map.of(), AMPLE).resources();
    assertEquals(new SpectrumPlan.Resources(AMPLE, 3, 1, 1, AMPLE, true), r);
    assertEquals(
        Runtime.getRuntime().availableProcessors(),
        settings("local[*]").resources().executorCores());
    assertEquals(1, settings("local").resources().executorCores());
    // spark.driver.memory, when set, is the driver's memory (spark-submit sizes the heap by it).
    assertEquals(
        2L << 30,
        settings("local[2]", Map.of("spark.driver.memory", "2g"), Map.of(), AMPLE)
            .resources()
            .driverBytes());
  }

  @Test
  void clusterResourcesComeFromTheSparkProperties() {
    assertEquals(
        new SpectrumPlan.Resources(1024L << 20, 3, 1, 2, AMPLE, false),
        settings("local-cluster[2, 3, 1024]").resources());
    Map<String, String> props =
        Map.of(
            "spark.executor.memory", "56g",
            "spark.executor.cores", "16",
            "spark.executor.instances", "8",
            "spark.task.cpus", "2",
            "spark.driver.memory", "48g");
    assertEquals(
        new SpectrumPlan.Resources(56L << 30, 16, 2, 8, 48L << 30, false),
        settings("yarn", props, Map.of(), AMPLE).resources());
    // Spark's defaults: 1g and one core per executor; standalone's count from spark.cores.max.
    assertEquals(
        new SpectrumPlan.Resources(1L << 30, 4, 1, 5, AMPLE, false),
        settings(
                "spark://m:7077",
                Map.of("spark.executor.cores", "4", "spark.cores.max", "20"),
                Map.of(),
                AMPLE)
            .resources());
    assertEquals(
        new SpectrumPlan.Resources(1L << 30, 1, 1, 1, AMPLE, false),
        settings("k8s://https://api:6443").resources());
  }

  @Test
  void taskCpusAboveAnExecutorsCoresOrABadCountIsRejected() {
    String msg =
        assertThrows(
                LaunchSettings.Rejected.class,
                () ->
                    settings("local[2]", Map.of("spark.task.cpus", "4"), Map.of(), AMPLE)
                        .resources())
            .getMessage();
    assertTrue(msg.contains("spark.task.cpus = 4") && msg.contains("executorCores (2)"), msg);
    msg =
        assertThrows(
                LaunchSettings.Rejected.class,
                () ->
                    settings("yarn", Map.of("spark.executor.instances", "0"), Map.of(), AMPLE)
                        .resources())
            .getMessage();
    assertTrue(msg.contains("spark.executor.instances = 0: expected a whole number ≥ 1"), msg);
  }

  @Test
  void aPlanChecksFormsWithoutConnectingOrNeedingTheClusterManager() {
    String dead = "spark://127.0.0.1:" + LoopbackPorts.refusing();
    assertDoesNotThrow(settings(dead)::checkWithoutConnecting);
    assertDoesNotThrow(settings("yarn")::checkWithoutConnecting);
    assertThrows(LaunchSettings.Rejected.class, settings("bogus")::checkWithoutConnecting);
    assertThrows(LaunchSettings.Rejected.class, settings("spark://nohost")::checkWithoutConnecting);
  }
}
