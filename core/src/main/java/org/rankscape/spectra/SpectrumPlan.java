package org.rankscape.spectra;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan for one layer's spectrum: the route chosen for F (rows × cols) and its cost, memory per
 * task, per executor and on the driver, flops and an estimated time. Pure arithmetic: nothing is
 * allocated or run. With k = min(rows, cols) and m = max(rows, cols), A is m × k (F or Fᵀ).
 *
 * <p><b>Routes</b> (bytes are 8 per double; "one task" is an executor's memory divided by the tasks
 * it runs at once, {@link Resources#taskBytes}):
 *
 * <ul>
 *   <li>{@code task-svd} (method svd): F whole in the trial's task and LAPACK's copy of it, 16·m·k;
 *       4mk² − 4k³/3 flops of bidiagonalization at {@link #MEMORY_BOUND_FRACTION} of the DGEMM
 *       rate. At most {@link FeatureMatrix#MAX_ELEMENTS} entries.
 *   <li>{@code task-gram}, {@code task-tsqr-svd} (method gram, tsqr, in the task): the accumulator
 *       and its finish in the task, {@link SpectrumMethod#finishBytes}(k); m·k² (Gram) or 2·m·k²
 *       (TSQR) flops at {@link #GEMM_FRACTION} of DGEMM, then an 8k³/3-flop SVD at memory-bound
 *       speed. {@code cluster-gram}, {@code cluster-tsqr-svd} (on the cluster): every running task
 *       holds an 8k² state and its {@link #BUFFER_BYTES} buffer, the driver finishes ({@link
 *       SpectrumMethod#finishBytes}); the accumulation is spread over all executor cores. Both need
 *       k ≤ {@link RowBlockAccumulator#MAX_COLS} (one Java array).
 *   <li>method qr, by {@link #qrRoute}: {@code task-qr} (A gathered in native memory in the trial's
 *       task, one dgeqrt of 2mk² − 2k³/3 flops at {@link #GEMM_FRACTION} of DGEMM on
 *       spark.task.cpus cores), {@code cluster-tsqr} (TSQR accumulation, 4·8k² + buffer per task,
 *       3·8k² on the driver while merging, 2mk² flops over all executor cores) or {@code
 *       cluster-block-qr} (block-column Householder QR with panels of {@link #PANEL_WIDTH}: per
 *       executor 8mk/E of A plus 3·8·m·b for the panel being factored, the broadcast reflectors and
 *       one panel being updated; on the driver R in panels 8k²/2, two Lanczos blocks 2·8·k· {@link
 *       #LANCZOS_VECTORS} and one broadcast 8·m·b; 2mk² − 2k³/3 flops over all executor cores at
 *       {@link #GEMM_FRACTION} of DGEMM, plus a critical path of ⌈k/b⌉ panel factorizations of
 *       2·m·b² flops each on one core at {@link #PANEL_FRACTION} of DGEMM, plus {@link
 *       #STEP_OVERHEAD_SECONDS} of Spark overhead per panel). Every qr route then reads σ_min and
 *       σ_max from R on one node (the task for task-qr, the driver otherwise): about {@link
 *       #SIGMA_STEPS} block steps of {@link TriangularSpectrum}'s two iterations, each applying two
 *       triangular solves or products to a block of {@value BlockLanczos#BLOCK} vectors: 2·k²
 *       flops per vector, 2·k²·{@value #SIGMA_STEPS}·{@value BlockLanczos#BLOCK} in all, and two
 *       passes over R (8k²/2 bytes) per step; the time is the larger of those passes at {@link
 *       #NODE_BANDWIDTH} and the flops at {@link #GEMM_FRACTION} of DGEMM on the node's cores (the
 *       task's, or for the driver an executor's count).
 * </ul>
 *
 * <p>Rates: every time scales from one measured number, the single-core DGEMM rate ({@link
 * DgemmRate}); the fractions are the usual shares of it: blocked QR and TSQR updates are mostly
 * level-3 ({@value #GEMM_FRACTION}), a panel's factorization is level-2 ({@value #PANEL_FRACTION}),
 * an SVD's bidiagonalization half level-2 and memory-bound ({@value #MEMORY_BOUND_FRACTION}).
 * Training is neither counted nor timed here.
 *
 * @param executorBytes what one executor needs at once: for a route in tasks, {@code taskBytes}
 *     times the tasks it runs at once (every running trial may be at this step)
 * @param taskBytes what one task needs, 0 for a route whose work is not held by one task
 * @param flops floating-point operations of the whole route, final step included
 * @param seconds estimated time; NaN when planned without a rate
 */
public record SpectrumPlan(
    SpectrumRequest request,
    Route route,
    long taskBytes,
    long executorBytes,
    long driverBytes,
    double flops,
    double seconds) {

  /** Where and how the spectrum is computed; {@link #label} is what the plan prints. */
  public enum Route {
    TASK_SVD("task-svd"),
    TASK_GRAM("task-gram"),
    TASK_TSQR_SVD("task-tsqr-svd"),
    CLUSTER_GRAM("cluster-gram"),
    CLUSTER_TSQR_SVD("cluster-tsqr-svd"),
    TASK_QR("task-qr"),
    CLUSTER_TSQR("cluster-tsqr"),
    CLUSTER_BLOCK_QR("cluster-block-qr");

    private final String label;

    Route(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Whether the whole route runs inside the trial's task (nothing on the driver). */
    public boolean inTask() {
      return this == TASK_SVD || this == TASK_GRAM || this == TASK_TSQR_SVD || this == TASK_QR;
    }
  }

  /**
   * What the Spark configuration gives the spectra. In local mode the driver JVM is the one
   * executor: {@code executorBytes} = {@code driverBytes} = its heap, and a plan fits when its
   * executor and driver needs fit it together.
   *
   * @param executorBytes memory of one executor (spark.executor.memory; local: the driver heap)
   * @param executorCores cores of one executor (spark.executor.cores; local[N]: N)
   * @param taskCpus spark.task.cpus: cores per task
   * @param executors executors E (spark.executor.instances; local: 1)
   * @param driverBytes memory of the driver (spark.driver.memory, else the driver JVM's heap)
   * @param local whether driver and executor are one JVM
   */
  public record Resources(
      long executorBytes,
      int executorCores,
      int taskCpus,
      int executors,
      long driverBytes,
      boolean local) {
    public Resources {
      positive("executorBytes", executorBytes);
      positive("executorCores", executorCores);
      positive("taskCpus", taskCpus);
      positive("executors", executors);
      positive("driverBytes", driverBytes);
      if (taskCpus > executorCores) {
        throw new IllegalArgumentException(
            "taskCpus ("
                + taskCpus
                + ") must be ≤ executorCores ("
                + executorCores
                + "): an executor must run at least one task");
      }
    }

    /** Tasks one executor runs at once: its cores ÷ spark.task.cpus. */
    public int tasksPerExecutor() {
      return executorCores / taskCpus;
    }

    /**
     * Memory of one task: the executor's ÷ the tasks it runs at once. Conservative in local mode,
     * where one task could use what the others leave.
     */
    public long taskBytes() {
      return executorBytes / tasksPerExecutor();
    }

    /** Cores of all executors. */
    public long totalCores() {
      return (long) executors * executorCores;
    }

    private static void positive(String name, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " (" + value + ") must be ≥ 1");
      }
    }
  }

  /**
   * Bytes of the row buffer of an accumulator (64 MB), as in {@link SpectrumMethod#finishBytes}.
   */
  public static final long BUFFER_BYTES = 64L << 20;

  /** task-qr is chosen when A plus this share of workspace fits one task: 1.1 (11 tenths). */
  public static final double TASK_QR_SLACK = 1.1;

  private static final long TASK_QR_SLACK_TENTHS = 11;

  /** cluster-tsqr is chosen only for a tall A: m ≥ this × k. */
  public static final int TALL_RATIO = 4;

  /** b, the width of a panel of cluster-block-qr. */
  public static final int PANEL_WIDTH = 512;

  /** Vectors the Lanczos iterations on R hold: Q and M·Q of {@link BlockLanczos#MAX_BASIS}. */
  public static final int LANCZOS_VECTORS = 2 * BlockLanczos.MAX_BASIS;

  /**
   * Block steps of the σ_max and σ_min iterations together: 32 were measured for 6000 × 6760 with
   * σ from 1 down to 1e-10 (16 each; the iterations stop at a relative residual of 1e-8).
   */
  public static final int SIGMA_STEPS = 40;

  /** Memory bandwidth of one node in bytes/s, which bounds the σ phase. */
  public static final double NODE_BANDWIDTH = 10e9;

  /** Share of the single-core DGEMM rate that blocked (level-3) factorizations reach. */
  public static final double GEMM_FRACTION = 0.65;

  /** Share of the DGEMM rate of a panel's (level-2) factorization. */
  public static final double PANEL_FRACTION = 0.3;

  /** Share of the DGEMM rate of an SVD (half of its bidiagonalization is level-2). */
  public static final double MEMORY_BOUND_FRACTION = 0.15;

  /** Spark's overhead per step of cluster-block-qr (a broadcast and a stage), in seconds. */
  public static final double STEP_OVERHEAD_SECONDS = 0.2;

  /** Largest m·k of A gathered in one native call: 2³¹ − 1 (LAPACK's 32-bit index). */
  public static final long MAX_NATIVE_ELEMENTS = Integer.MAX_VALUE;

  public SpectrumPlan {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(route, "route");
  }

  /**
   * The route of method qr for an A of m × k (m = max(rows, cols), k = min): {@code task-qr} when
   * the family keeps the spectrum in the trial's task ({@code onCluster} false: e.g. figure1-cnn's
   * {@code spectra_on}, which sends F to the cluster above 2²⁷ entries); on the cluster, {@code
   * cluster-tsqr} when A is tall, m ≥ {@value #TALL_RATIO}·k, and its TSQR state, 4·8k² + {@link
   * #BUFFER_BYTES}, fits {@link Resources#taskBytes}; {@code cluster-block-qr} otherwise. The sweep
   * runs the route this returns (so the plan and the run cannot disagree).
   */
  public static Route qrRoute(long rows, long cols, boolean onCluster, Resources resources) {
    long k = Math.min(rows, cols);
    long m = Math.max(rows, cols);
    if (!onCluster) {
      return Route.TASK_QR;
    }
    // Exact integer comparisons, so that the rule is decided the same at its boundaries everywhere.
    if (m >= TALL_RATIO * k && 4 * 8 * k * k + BUFFER_BYTES <= resources.taskBytes()) {
      return Route.CLUSTER_TSQR;
    }
    return Route.CLUSTER_BLOCK_QR;
  }

  /**
   * Seconds of task-qr's factorization, 2mk² − 2k³/3 flops at {@link #GEMM_FRACTION} of the
   * single-core DGEMM rate {@code dgemmFlopsPerCore} on {@code cores} cores.
   */
  public static double qrSeconds(long m, long k, int cores, double dgemmFlopsPerCore) {
    return qrFlops(m, k) / (dgemmFlopsPerCore * GEMM_FRACTION * cores);
  }

  /**
   * Seconds of the σ phase on R of order k on a node of {@code cores} cores: {@value
   * #SIGMA_STEPS} block steps, each two passes over R at {@link #NODE_BANDWIDTH} or its flops at
   * {@link #GEMM_FRACTION} of DGEMM, whichever is longer.
   */
  public static double sigmaSeconds(long k, int cores, double dgemmFlopsPerCore) {
    double passes = 2.0 * SIGMA_STEPS * (8.0 * k * k / 2) / NODE_BANDWIDTH;
    return Math.max(passes, sigmaFlops(k) / (dgemmFlopsPerCore * GEMM_FRACTION * cores));
  }

  private static double qrFlops(double m, double k) {
    return 2 * m * k * k - 2 * k * k * k / 3;
  }

  private static double sigmaFlops(double k) {
    return 2 * k * k * SIGMA_STEPS * BlockLanczos.BLOCK;
  }

  /** ⌈8·m·k·1.1⌉ for m·k ≤ {@link #MAX_NATIVE_ELEMENTS}: A and its workspace in one task. */
  private static long taskQrBytes(long m, long k) {
    return (8 * m * k * TASK_QR_SLACK_TENTHS + 9) / 10;
  }

  /**
   * Why {@code request} cannot be computed whatever the resources, or empty: method svd beyond
   * {@link FeatureMatrix#MAX_ELEMENTS} entries, gram or tsqr beyond {@link
   * RowBlockAccumulator#MAX_COLS} columns of state. The message continues a sentence about the
   * layer.
   */
  public static Optional<String> beyondLimits(SpectrumRequest request) {
    long k = request.k();
    double entries = (double) request.rows() * request.cols();
    return switch (request.method()) {
      case SVD ->
          entries > FeatureMatrix.MAX_ELEMENTS
              ? Optional.of(
                  String.format(
                      Locale.ROOT,
                      "%.3g entries, and method = svd holds F whole in one task (at most %d"
                          + " entries)",
                      entries,
                      FeatureMatrix.MAX_ELEMENTS))
              : Optional.empty();
      case GRAM, TSQR ->
          k > RowBlockAccumulator.MAX_COLS
              ? Optional.of(
                  String.format(
                      Locale.ROOT,
                      "accumulated by method = %s in a %d x %d state, but one state holds at most"
                          + " %d columns (one Java array)",
                      request.method().label(),
                      k,
                      k,
                      RowBlockAccumulator.MAX_COLS))
              : Optional.empty();
      case QR ->
          !request.onCluster() && entries > MAX_NATIVE_ELEMENTS
              ? Optional.of(
                  String.format(
                      Locale.ROOT,
                      "%.3g entries, and method = qr in the trial's task holds A in one native array"
                          + " (at most %d entries); set spectra_on = cluster",
                      entries,
                      MAX_NATIVE_ELEMENTS))
              : Optional.empty();
      case AUTO -> throw new IllegalStateException("a request's method is resolved");
    };
  }

  /**
   * The plan of {@code request} on {@code resources}, its time scaled from {@code
   * dgemmFlopsPerCore} (single-core DGEMM flop/s; NaN for none: then {@link #seconds} is NaN).
   *
   * @throws IllegalArgumentException if the request is {@link #beyondLimits}
   */
  public static SpectrumPlan of(
      SpectrumRequest request, Resources resources, double dgemmFlopsPerCore) {
    beyondLimits(request)
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(
                  "layer " + request.layer() + ": F is " + shape(request) + ", " + why);
            });
    Costs c = new Costs(request, resources, dgemmFlopsPerCore);
    return switch (request.method()) {
      case SVD -> c.taskSvd();
      case GRAM, TSQR -> request.onCluster() ? c.clusterAccumulation() : c.taskAccumulation();
      case AUTO -> throw new IllegalStateException("a request's method is resolved");
      case QR ->
          switch (qrRoute(request.rows(), request.cols(), request.onCluster(), resources)) {
            case TASK_QR -> c.taskQr();
            case CLUSTER_TSQR -> c.clusterTsqr();
            default -> c.clusterBlockQr();
          };
    };
  }

  /**
   * Why this plan does not fit {@code resources}, or empty: an executor's need beyond its memory,
   * the driver's beyond the driver's, or in local mode both together beyond the one heap. Names the
   * numbers needed and available.
   */
  public Optional<String> misfit(Resources resources) {
    if (resources.local()) {
      long need = executorBytes + driverBytes;
      return need <= resources.driverBytes()
          ? Optional.empty()
          : Optional.of(
              String.format(
                  Locale.ROOT,
                  "needs %s in the driver JVM (local mode: %s for %d task%s at once + %s to"
                      + " finish), but its memory is %s",
                  gb(need),
                  gb(executorBytes),
                  resources.tasksPerExecutor(),
                  resources.tasksPerExecutor() == 1 ? "" : "s",
                  gb(driverBytes),
                  gb(resources.driverBytes())));
    }
    if (executorBytes > resources.executorBytes()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "needs %s per executor%s, but an executor has %s",
              gb(executorBytes),
              taskBytes > 0
                  ? String.format(
                      Locale.ROOT,
                      " (%s per task × %d tasks at once)",
                      gb(taskBytes),
                      resources.tasksPerExecutor())
                  : "",
              gb(resources.executorBytes())));
    }
    if (driverBytes > resources.driverBytes()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "needs %s on the driver, but the driver has %s",
              gb(driverBytes),
              gb(resources.driverBytes())));
    }
    return Optional.empty();
  }

  /** {@code rows × cols} of F. */
  public static String shape(SpectrumRequest request) {
    return request.rows() + " × " + request.cols();
  }

  /** Bytes in GB (10⁹) with two decimals, e.g. {@code 3.57 GB}; below 0.1 GB in MB (10⁶). */
  public static String gb(long bytes) {
    return bytes < 100_000_000
        ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
        : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }

  /** The arithmetic of each route for one request; see the class doc for the formulas. */
  private record Costs(SpectrumRequest q, Resources r, double rate) {
    double m() {
      return q.m();
    }

    double k() {
      return q.k();
    }

    /** Seconds for {@code flops} on {@code cores} cores at {@code fraction} of DGEMM. */
    double time(double flops, double cores, double fraction) {
      return flops / (rate * fraction * cores);
    }

    long perExecutor(long perTask) {
      return perTask * r.tasksPerExecutor();
    }

    SpectrumPlan plan(Route route, long task, long executor, long driver, double flops, double s) {
      return new SpectrumPlan(q, route, task, executor, driver, flops, s);
    }

    SpectrumPlan taskSvd() {
      long task = (long) (2 * 8 * m() * k());
      double flops = 4 * m() * k() * k() - 4 * k() * k() * k() / 3;
      return plan(
          Route.TASK_SVD, task, perExecutor(task), 0, flops, time(flops, 1, MEMORY_BOUND_FRACTION));
    }

    double accumulationFlops() {
      return (q.method() == SpectrumMethod.GRAM ? 1 : 2) * m() * k() * k();
    }

    double finalSvdFlops() {
      return 8 * k() * k() * k() / 3;
    }

    SpectrumPlan taskAccumulation() {
      long task = SpectrumMethod.finishBytes((int) k());
      double flops = accumulationFlops() + finalSvdFlops();
      double s =
          time(accumulationFlops(), r.taskCpus(), GEMM_FRACTION)
              + time(finalSvdFlops(), 1, MEMORY_BOUND_FRACTION);
      return plan(
          q.method() == SpectrumMethod.GRAM ? Route.TASK_GRAM : Route.TASK_TSQR_SVD,
          task,
          perExecutor(task),
          0,
          flops,
          s);
    }

    SpectrumPlan clusterAccumulation() {
      long task = (long) (8 * k() * k()) + BUFFER_BYTES;
      double flops = accumulationFlops() + finalSvdFlops();
      double s =
          time(accumulationFlops(), r.totalCores(), GEMM_FRACTION)
              + time(finalSvdFlops(), 1, MEMORY_BOUND_FRACTION);
      return plan(
          q.method() == SpectrumMethod.GRAM ? Route.CLUSTER_GRAM : Route.CLUSTER_TSQR_SVD,
          task,
          perExecutor(task),
          SpectrumMethod.finishBytes((int) k()),
          flops,
          s);
    }

    double qrFlops() {
      return SpectrumPlan.qrFlops(m(), k());
    }

    double sigmaFlops() {
      return SpectrumPlan.sigmaFlops(k());
    }

    double sigmaSeconds(int cores) {
      return SpectrumPlan.sigmaSeconds(q.k(), cores, rate);
    }

    SpectrumPlan taskQr() {
      long task = taskQrBytes(q.m(), q.k());
      double s = qrSeconds(q.m(), q.k(), r.taskCpus(), rate) + sigmaSeconds(r.taskCpus());
      return plan(Route.TASK_QR, task, perExecutor(task), 0, qrFlops() + sigmaFlops(), s);
    }

    SpectrumPlan clusterTsqr() {
      long task = (long) (4 * 8 * k() * k()) + BUFFER_BYTES;
      double flops = 2 * m() * k() * k();
      double s = time(flops, r.totalCores(), GEMM_FRACTION) + sigmaSeconds(r.executorCores());
      return plan(
          Route.CLUSTER_TSQR,
          task,
          perExecutor(task),
          (long) (3 * 8 * k() * k()),
          flops + sigmaFlops(),
          s);
    }

    SpectrumPlan clusterBlockQr() {
      double b = PANEL_WIDTH;
      long executor = (long) (8 * m() * k() / r.executors() + 3 * 8 * m() * b);
      long driver = (long) (8 * k() * k() / 2 + 8 * k() * LANCZOS_VECTORS + 8 * m() * b);
      double panels = Math.ceil(k() / b);
      double panelFlops = 2 * m() * b * b;
      double s =
          time(qrFlops(), r.totalCores(), GEMM_FRACTION)
              + panels * time(panelFlops, 1, PANEL_FRACTION)
              + panels * STEP_OVERHEAD_SECONDS
              + sigmaSeconds(r.executorCores());
      return plan(Route.CLUSTER_BLOCK_QR, 0, executor, driver, qrFlops() + sigmaFlops(), s);
    }
  }
}
