package org.rankscape.spectra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rankscape.spectra.SpectrumPlan.Route.CLUSTER_BLOCK_QR;
import static org.rankscape.spectra.SpectrumPlan.Route.CLUSTER_TSQR;
import static org.rankscape.spectra.SpectrumPlan.Route.TASK_QR;

import org.junit.jupiter.api.Test;
import org.rankscape.spectra.SpectrumPlan.Resources;
import org.rankscape.spectra.SpectrumPlan.Route;

class SpectrumPlanTest {
  private static final long GIB = 1L << 30;
  private static final long BIG = 1L << 50;

  /** Relative tolerance of hand-computed figures (they are exact up to double rounding). */
  private static final double REL = 1e-12;

  /** One task per executor holding {@code taskBytes}: the rule's memory bound is exactly it. */
  private static Resources oneTaskOf(long taskBytes) {
    return new Resources(taskBytes, 1, 1, 2, BIG, false);
  }

  @Test
  void inTheTaskWhenTheFamilyKeepsItThere() {
    assertEquals(TASK_QR, SpectrumPlan.qrRoute(1000, 100, false, oneTaskOf(1)));
    assertEquals(TASK_QR, SpectrumPlan.qrRoute(100, 1000, false, oneTaskOf(1)), "wide F: A = Fᵀ");
  }

  @Test
  void clusterTsqrWhileTallAndFourStatesPlusTheBufferFitOneTask() {
    // A = 100,000 x 1000; TSQR needs 4·8·10⁶ + 64 MiB = 99,108,864 bytes.
    long tsqr = 4 * 8 * 1000L * 1000 + (64L << 20);
    assertEquals(CLUSTER_TSQR, SpectrumPlan.qrRoute(100_000, 1000, true, oneTaskOf(tsqr)));
    assertEquals(CLUSTER_BLOCK_QR, SpectrumPlan.qrRoute(100_000, 1000, true, oneTaskOf(tsqr - 1)));
  }

  @Test
  void clusterTsqrOnlyFromMEqualsFourK() {
    assertEquals(CLUSTER_TSQR, SpectrumPlan.qrRoute(4 * 23_171, 23_171, true, oneTaskOf(BIG)));
    assertEquals(
        CLUSTER_BLOCK_QR, SpectrumPlan.qrRoute(4 * 23_171 - 1, 23_171, true, oneTaskOf(BIG)));
  }

  @Test
  void qrInATaskIsRefusedBeyondOneNativeArray() {
    assertTrue(
        SpectrumPlan.beyondLimits(new SpectrumRequest("c", 60_000, 40_000, SpectrumMethod.QR, false))
            .orElseThrow()
            .contains("spectra_on = cluster"));
    assertTrue(
        SpectrumPlan.beyondLimits(new SpectrumRequest("c", 60_000, 40_000, SpectrumMethod.AUTO, true))
            .isEmpty());
  }

  @Test
  void aTaskIsTheExecutorsMemoryOverItsConcurrentTasks() {
    Resources r = new Resources(56 * GIB, 16, 2, 8, 48 * GIB, false);
    assertEquals(8, r.tasksPerExecutor());
    assertEquals(7 * GIB, r.taskBytes());
    assertEquals(128, r.totalCores());
    assertThrows(IllegalArgumentException.class, () -> new Resources(GIB, 2, 4, 1, GIB, false));
  }

  /**
   * F1 of Table 2 at T1 = 30, 60,000 × 20,280, on 8 executors of 16 cores and 56 GiB, a 48 GiB
   * driver, at 10 GFlop/s a core. k = 20,280, m = 60,000; on the cluster and m < 4k:
   * cluster-block-qr, with b = 512:
   *
   * <ul>
   *   <li>per executor 8·m·k/8 + 3·8·m·b = 1,216,800,000 + 737,280,000 = 1,954,080,000;
   *   <li>driver 8k²/2 + 8·k·256 + 8·m·b = 1,645,113,600 + 41,533,440 + 245,760,000 =
   *       1,932,407,040;
   *   <li>flops 2mk² − 2k³/3 = 49,353,408,000,000 − 5,560,483,968,000 = 43,792,924,032,000, plus
   *       σ's 2k²·40·16 = 526,436,352,000: 44,319,360,384,000;
   *   <li>time: 43,792,924,032,000 / (128 × 0.65 × 10¹⁰) = 52.635726 s; ⌈k/b⌉ = 40 panels of 2·m·b²
   *       = 31,457,280,000 flops at 0.3 × 10¹⁰: 40 × 10.48576 = 419.4304 s; 40 × 0.2 = 8 s of
   *       overhead; σ: 80 passes over R's 1,645,113,600 bytes at 10¹⁰ B/s = 13.1609088 s (its
   *       526,436,352,000 flops on 16 cores take 5.06 s). Sum 493.227035 s.
   * </ul>
   */
  @Test
  void blockQrOfTable2sF1AtT1Equals30ByHand() {
    Resources cluster = new Resources(56 * GIB, 16, 1, 8, 48 * GIB, false);
    SpectrumPlan p =
        SpectrumPlan.of(
            new SpectrumRequest("conv1", 60_000, 20_280, SpectrumMethod.QR, true), cluster, 1e10);
    assertEquals(CLUSTER_BLOCK_QR, p.route());
    assertEquals(0, p.taskBytes());
    assertEquals(1_954_080_000L, p.executorBytes());
    assertEquals(1_932_407_040L, p.driverBytes());
    assertEquals(44_319_360_384_000.0, p.flops(), 44_319_360_384_000.0 * REL);
    double seconds = 43_792_924_032_000.0 / (128 * 0.65 * 1e10) + 419.4304 + 8 + 13.1609088;
    assertEquals(seconds, p.seconds(), seconds * REL);
    assertEquals(493.227, p.seconds(), 0.001);
    assertTrue(p.misfit(cluster).isEmpty());
  }

  /**
   * F3 at N = 60,000, 60,000 × 2,880, in a 3.76 GB task: 8·m·k·1.1 = 1,520,640,000 bytes fit, so
   * task-qr; executor 16 × that; flops 2mk² − 2k³/3 + 2k²·40·16 (below); time both at 0.65 × 10¹⁰
   * on the task's one core.
   */
  @Test
  void taskQrOfF3ByHand() {
    Resources cluster = new Resources(56 * GIB, 16, 1, 8, 48 * GIB, false);
    SpectrumPlan p =
        SpectrumPlan.of(
            new SpectrumRequest("conv2", 60_000, 2_880, SpectrumMethod.QR, false), cluster, 1e10);
    assertEquals(TASK_QR, p.route());
    assertEquals(1_520_640_000L, p.taskBytes());
    assertEquals(16 * 1_520_640_000L, p.executorBytes());
    assertEquals(0, p.driverBytes());
    // QR 2mk² − 2k³/3 = 979,402,752,000; σ phase 2k²·40·16 = 10,616,832,000 (compute-bound on one
    // core: 1.63 s against 0.27 s for its 80 passes over R at 10 GB/s).
    assertEquals(990_019_584_000.0, p.flops(), 990_019_584_000.0 * REL);
    double seconds = 979_402_752_000.0 / (0.65 * 1e10) + 10_616_832_000.0 / (0.65 * 1e10);
    assertEquals(seconds, p.seconds(), seconds * REL);
  }

  @Test
  void explicitMethodsKeepTodaysAccumulationAndItsDriverFinish() {
    Resources cluster = new Resources(8 * GIB, 4, 1, 2, 16 * GIB, false);
    SpectrumPlan tsqr =
        SpectrumPlan.of(
            new SpectrumRequest("conv2", 60_000, 2_880, SpectrumMethod.TSQR, true), cluster, 1e10);
    assertEquals(Route.CLUSTER_TSQR_SVD, tsqr.route());
    assertEquals(8L * 2880 * 2880 + (64L << 20), tsqr.taskBytes());
    assertEquals(4 * tsqr.taskBytes(), tsqr.executorBytes());
    assertEquals(SpectrumMethod.finishBytes(2880), tsqr.driverBytes());
    double k = 2880;
    assertEquals(2 * 60_000 * k * k + 8 * k * k * k / 3, tsqr.flops(), tsqr.flops() * REL);
    SpectrumPlan gramInTask =
        SpectrumPlan.of(
            new SpectrumRequest("conv2", 200, 2_880, SpectrumMethod.GRAM, false), cluster, 1e10);
    assertEquals(Route.TASK_GRAM, gramInTask.route());
    assertEquals(0, gramInTask.driverBytes());
    SpectrumPlan svd =
        SpectrumPlan.of(new SpectrumRequest("conv1", 200, 676, SpectrumMethod.SVD, false), cluster, 1e10);
    assertEquals(Route.TASK_SVD, svd.route());
    assertEquals(16L * 200 * 676, svd.taskBytes());
  }

  @Test
  void limitsOfTheMethodsAreRefusedWhateverTheResources() {
    assertTrue(
        SpectrumPlan.beyondLimits(new SpectrumRequest("c", 60_000, 46_341, SpectrumMethod.GRAM, true))
            .orElseThrow()
            .contains("at most 46340 columns"));
    assertTrue(
        SpectrumPlan.beyondLimits(new SpectrumRequest("c", 60_000, 46_340, SpectrumMethod.TSQR, true))
            .isEmpty());
    assertTrue(
        SpectrumPlan.beyondLimits(new SpectrumRequest("c", 60_000, 40_560, SpectrumMethod.SVD, false))
            .orElseThrow()
            .contains("2.43e+09 entries"));
    assertTrue(
        SpectrumPlan.beyondLimits(new SpectrumRequest("c", 60_000, 67_600, SpectrumMethod.QR, true))
            .isEmpty());
  }

  @Test
  void aMisfitNamesWhatIsNeededAndWhatThereIs() {
    Resources smallDriver = new Resources(56 * GIB, 16, 1, 8, 4 * GIB, false);
    SpectrumPlan p =
        SpectrumPlan.of(
            new SpectrumRequest("conv1", 60_000, 33_800, SpectrumMethod.QR, true), smallDriver, Double.NaN);
    assertEquals(CLUSTER_BLOCK_QR, p.route());
    assertEquals(
        "needs 4.88 GB on the driver, but the driver has 4.29 GB",
        p.misfit(smallDriver).orElseThrow());
    assertTrue(Double.isNaN(p.seconds()));
    Resources laptop = new Resources(2 * GIB, 2, 1, 1, 2 * GIB, true);
    SpectrumPlan local =
        SpectrumPlan.of(new SpectrumRequest("conv1", 6000, 6760, SpectrumMethod.QR, false), laptop, 1e10);
    // A task has 1 GiB ≥ 8·6760·6000·1.1 = 357 MB: task-qr, 2 tasks at once, 714 MB.
    assertEquals(TASK_QR, local.route());
    assertTrue(local.misfit(laptop).isEmpty());
    Resources tiny = new Resources(GIB / 2, 2, 1, 1, GIB / 2, true);
    SpectrumPlan big =
        SpectrumPlan.of(new SpectrumRequest("conv1", 6000, 6760, SpectrumMethod.QR, false), tiny, 1e10);
    assertTrue(big.misfit(tiny).orElseThrow().contains("in the driver JVM (local mode"));
  }
}
