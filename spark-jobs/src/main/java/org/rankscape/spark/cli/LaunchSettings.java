package org.rankscape.spark.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.scheduler.ExternalClusterManager;
import org.rankscape.spectra.SpectrumPlan;

/**
 * The settings a command starts Spark with, checked before anything is written. Spark itself finds
 * these faults only once the session starts, after the output directory exists, and for an
 * unreachable standalone master only after a minute of retries ending in "Cannot call methods on a
 * stopped SparkContext", which names neither the master nor the cause. {@link #check} rejects:
 *
 * <ul>
 *   <li>a master URL Spark 3.5 cannot parse ({@code SparkContext.createTaskScheduler}): {@code
 *       local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}, {@code local[*,F]} and
 *       {@code local-cluster[N,C,M]} with N, C, M ≥ 1 (Spark's patterns, F any count of task
 *       failures); {@code spark://HOST:PORT[,HOST:PORT…]}, each an address with a port and nothing
 *       else; anything else only if a cluster manager on the classpath accepts it, looked up as
 *       Spark does (its {@code ExternalClusterManager} services: {@code yarn} from spark-yarn,
 *       {@code k8s://…} from spark-kubernetes, {@code mesos://…} from spark-mesos);
 *   <li>{@code yarn} in client mode with neither HADOOP_CONF_DIR nor YARN_CONF_DIR set
 *       (spark-submit's own rule; in cluster mode the driver runs inside YARN);
 *   <li>a {@code spark://} master none of whose addresses accepts a TCP connection within {@link
 *       #CONNECT_TIMEOUT_MS} (several addresses are ZooKeeper standby masters: one live one is
 *       enough, as for Spark);
 *   <li>a driver heap, or a {@code spark.executor.memory}, below Spark's minimum of 1.5 × its
 *       reserved {@link #RESERVED_SYSTEM_MEMORY} = 450 MiB ({@code
 *       UnifiedMemoryManager.getMaxMemory}, whose test overrides {@code spark.testing.memory},
 *       {@code spark.testing.reservedMemory} and {@code spark.testing} count here as there).
 * </ul>
 *
 * <p>Cost: microseconds, plus for {@code spark://} one TCP connection per address tried, at most
 * {@link #CONNECT_TIMEOUT_MS} each. What only the cluster can tell (resources, authentication) is
 * left to Spark.
 *
 * @param master the master URL Spark will be given
 * @param masterSource where it came from, for messages: {@code --master}, {@code spark.master} (set
 *     by spark-submit) or the default
 * @param sparkProperties the Spark properties the driver will see (spark-submit passes them as
 *     system properties)
 * @param env the driver's environment variables
 * @param maxHeap the driver JVM's maximum heap in bytes, {@link Runtime#maxMemory()}
 */
record LaunchSettings(
    String master,
    String masterSource,
    Map<String, String> sparkProperties,
    Map<String, String> env,
    long maxHeap) {

  /** Spark's {@code RESERVED_SYSTEM_MEMORY_BYTES}: heap it keeps out of its memory pools. */
  static final long RESERVED_SYSTEM_MEMORY = 300L << 20;

  /** How long each standalone master address has to accept a TCP connection. */
  static final int CONNECT_TIMEOUT_MS = 5_000;

  private static final String FORMS =
      "local, local[N], local[*], local[N,F], local[*,F], local-cluster[N,C,M] (N, C, M ≥ 1),"
          + " spark://HOST:PORT[,HOST:PORT…], yarn or k8s://URL";
  private static final String SPARK_SCHEME = "spark://";
  // SparkMasterRegex of Spark 3.5.
  private static final Pattern LOCAL_N = Pattern.compile("local\\[([0-9]+|\\*)\\]");
  private static final Pattern LOCAL_N_FAILURES =
      Pattern.compile("local\\[([0-9]+|\\*)\\s*,\\s*([0-9]+)\\]");
  private static final Pattern LOCAL_CLUSTER =
      Pattern.compile("local-cluster\\[\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*]");

  LaunchSettings {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(masterSource, "masterSource");
    sparkProperties = Map.copyOf(sparkProperties);
    env = Map.copyOf(env);
  }

  /** The settings of this JVM for a command given {@code --master masterOption} (or null). */
  static LaunchSettings current(String masterOption) {
    return current(masterOption, Map.of());
  }

  /**
   * The settings of this JVM for a command given {@code --master masterOption} (or null) and the
   * Spark properties {@code conf} of its {@code --conf} options, which win over spark-submit's.
   */
  static LaunchSettings current(String masterOption, Map<String, String> conf) {
    Map<String, String> properties = new TreeMap<>();
    System.getProperties()
        .forEach(
            (k, v) -> {
              if (k.toString().startsWith("spark.")) {
                properties.put(k.toString(), v.toString());
              }
            });
    properties.putAll(conf);
    String source =
        masterOption != null
            ? "--master"
            : properties.containsKey(SparkSessions.MASTER_PROPERTY)
                ? SparkSessions.MASTER_PROPERTY
                : "the default master";
    return new LaunchSettings(
        SparkSessions.master(masterOption),
        source,
        properties,
        System.getenv(),
        Runtime.getRuntime().maxMemory());
  }

  /**
   * Cores for work done by this JVM alone: N of {@code local[N]} (all of this machine's for
   * {@code local[*]}, one for {@code local}), else all of this machine's (the driver's node).
   */
  int driverCores() {
    int available = Runtime.getRuntime().availableProcessors();
    if (master.equals("local")) {
      return 1;
    }
    Matcher m = LOCAL_N.matcher(master);
    if (!m.matches()) {
      m = LOCAL_N_FAILURES.matcher(master);
    }
    return m.matches() && !m.group(1).equals("*")
        ? Math.min(available, Integer.parseInt(m.group(1)))
        : available;
  }

  /**
   * @throws Rejected naming the setting, its value and what was expected
   */
  void check() {
    check(true);
  }

  /**
   * As {@link #check()}, for a plan of a run elsewhere ({@code sweep --dry-run}): the forms and
   * memory minima only; no connection to a standalone master, and {@code yarn}, {@code k8s://…} and
   * {@code mesos://…} accepted without their cluster manager or configuration.
   *
   * @throws Rejected naming the setting, its value and what was expected
   */
  void checkWithoutConnecting() {
    check(false);
  }

  private void check(boolean live) {
    List<InetSocketAddress> standalone = null;
    if (master.startsWith(SPARK_SCHEME)) {
      standalone = standaloneAddresses();
    } else if (master.startsWith("local")) {
      checkLocal();
    } else if (live) {
      checkClusterManager();
    } else if (clusterModule() == null) {
      throw badMaster("expected " + FORMS);
    }
    checkMemory();
    if (standalone != null && live) {
      checkReachable(standalone);
    }
  }

  /** The Spark property of the driver's memory. */
  static final String DRIVER_MEMORY = "spark.driver.memory";

  /** The Spark property of each executor's memory, and Spark's default of it. */
  static final String EXECUTOR_MEMORY = "spark.executor.memory";

  static final String DEFAULT_EXECUTOR_MEMORY = "1g";
  static final String EXECUTOR_CORES = "spark.executor.cores";
  static final String EXECUTOR_INSTANCES = "spark.executor.instances";
  static final String CORES_MAX = "spark.cores.max";
  static final String TASK_CPUS = "spark.task.cpus";

  /**
   * What a run with these settings gives the spectra ({@link SpectrumPlan.Resources}):
   *
   * <ul>
   *   <li>the driver: {@value #DRIVER_MEMORY} if set (spark-submit sets the driver JVM's heap from
   *       it), else this JVM's maximum heap;
   *   <li>local masters ({@code local}, {@code local[N]}, {@code local[*]}, with failures): one
   *       executor, the driver JVM itself, with N cores (* = this machine's processors);
   *   <li>{@code local-cluster[N,C,M]}: N executors of C cores and M MiB;
   *   <li>any other master: executors of {@value #EXECUTOR_MEMORY} (default {@value
   *       #DEFAULT_EXECUTOR_MEMORY}) and {@value #EXECUTOR_CORES} (default 1), as many as {@value
   *       #EXECUTOR_INSTANCES} says, else {@value #CORES_MAX} ÷ cores, else 1;
   *   <li>{@value #TASK_CPUS} cores per task (default 1).
   * </ul>
   *
   * @throws Rejected naming a property that is not a size or count, or spark.task.cpus above an
   *     executor's cores
   */
  SpectrumPlan.Resources resources() {
    long driver =
        sparkProperties.containsKey(DRIVER_MEMORY)
            ? bytes(DRIVER_MEMORY, sparkProperties.get(DRIVER_MEMORY))
            : maxHeap;
    int taskCpus = count(TASK_CPUS, 1);
    Matcher m;
    try {
      if (master.equals("local")) {
        return new SpectrumPlan.Resources(driver, 1, taskCpus, 1, driver, true);
      } else if ((m = LOCAL_N.matcher(master)).matches()
          || (m = LOCAL_N_FAILURES.matcher(master)).matches()) {
        int cores =
            m.group(1).equals("*")
                ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(m.group(1));
        return new SpectrumPlan.Resources(driver, cores, taskCpus, 1, driver, true);
      } else if ((m = LOCAL_CLUSTER.matcher(master)).matches()) {
        return new SpectrumPlan.Resources(
            Long.parseLong(m.group(3)) << 20,
            Integer.parseInt(m.group(2)),
            taskCpus,
            Integer.parseInt(m.group(1)),
            driver,
            false);
      }
      long executor =
          bytes(
              EXECUTOR_MEMORY,
              sparkProperties.getOrDefault(EXECUTOR_MEMORY, DEFAULT_EXECUTOR_MEMORY));
      int cores = count(EXECUTOR_CORES, 1);
      int executors =
          sparkProperties.containsKey(EXECUTOR_INSTANCES)
              ? count(EXECUTOR_INSTANCES, 1)
              : Math.max(1, count(CORES_MAX, cores) / cores);
      return new SpectrumPlan.Resources(executor, cores, taskCpus, executors, driver, false);
    } catch (IllegalArgumentException e) {
      throw new Rejected(
          "Spark master "
              + master
              + " with "
              + TASK_CPUS
              + " = "
              + taskCpus
              + ": "
              + e.getMessage());
    }
  }

  /**
   * The resources of {@link #resources} in words, naming where each number comes from, e.g. {@code
   * 8 executors × 16 cores, 60.13 GB each (spark.executor.memory = 56g)}.
   */
  String describeResources() {
    SpectrumPlan.Resources r = resources();
    String driver =
        SpectrumPlan.gb(r.driverBytes())
            + (sparkProperties.containsKey(DRIVER_MEMORY)
                ? " (" + DRIVER_MEMORY + " = " + sparkProperties.get(DRIVER_MEMORY) + ")"
                : " (this JVM's maximum heap)");
    String tasks =
        String.format(
            Locale.ROOT,
            "%d core%s per task (%s = %d): %d tasks at once per executor, %s each",
            r.taskCpus(),
            r.taskCpus() == 1 ? "" : "s",
            TASK_CPUS,
            r.taskCpus(),
            r.tasksPerExecutor(),
            SpectrumPlan.gb(r.taskBytes()));
    if (r.local()) {
      return String.format(
          Locale.ROOT,
          "%s: everything in the driver JVM, %d cores, memory %s; %s",
          master,
          r.executorCores(),
          driver,
          tasks);
    }
    String executors =
        sparkProperties.containsKey(EXECUTOR_INSTANCES)
            ? EXECUTOR_INSTANCES + " = " + sparkProperties.get(EXECUTOR_INSTANCES)
            : master.startsWith("local-cluster")
                ? "the master's N"
                : sparkProperties.containsKey(CORES_MAX)
                    ? CORES_MAX + " ÷ " + EXECUTOR_CORES
                    : EXECUTOR_INSTANCES + " not set: assumed 1";
    return String.format(
        Locale.ROOT,
        "%s: %d executor%s (%s) × %d cores, %s each%s; %s; driver %s",
        master,
        r.executors(),
        r.executors() == 1 ? "" : "s",
        executors,
        r.executorCores(),
        SpectrumPlan.gb(r.executorBytes()),
        master.startsWith("local-cluster")
            ? ""
            : " ("
                + EXECUTOR_MEMORY
                + " = "
                + sparkProperties.getOrDefault(
                    EXECUTOR_MEMORY, DEFAULT_EXECUTOR_MEMORY + ", Spark's default")
                + ")",
        tasks,
        driver);
  }

  private int count(String key, int fallback) {
    String value = sparkProperties.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new Rejected(key + " = " + value + ": expected a whole number ≥ 1");
  }

  private void checkLocal() {
    Matcher m;
    if (master.equals("local")) {
      return;
    } else if ((m = LOCAL_N.matcher(master)).matches()
        || (m = LOCAL_N_FAILURES.matcher(master)).matches()) {
      if (!m.group(1).equals("*")) {
        atLeastOne(m.group(1), "threads N");
      }
    } else if ((m = LOCAL_CLUSTER.matcher(master)).matches()) {
      atLeastOne(m.group(1), "workers N");
      atLeastOne(m.group(2), "cores per worker C");
      atLeastOne(m.group(3), "MiB per worker M");
    } else {
      throw badMaster("expected " + FORMS);
    }
  }

  private void atLeastOne(String digits, String what) {
    try {
      if (Integer.parseInt(digits) >= 1) {
        return;
      }
    } catch (NumberFormatException e) {
      // more than Integer.MAX_VALUE: Spark cannot parse it either
    }
    throw badMaster("expected " + what + " to be a whole number in [1, " + Integer.MAX_VALUE + "]");
  }

  /** Spark's rule ({@code Utils.extractHostPortFromSparkUrl}) for each comma-separated master. */
  private List<InetSocketAddress> standaloneAddresses() {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String hostPort : master.substring(SPARK_SCHEME.length()).split(",")) {
      URI uri;
      try {
        uri = new URI(SPARK_SCHEME + hostPort);
      } catch (URISyntaxException e) {
        uri = null;
      }
      if (uri == null
          || uri.getHost() == null
          || uri.getPort() < 1
          || !uri.getRawPath().isEmpty()
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        throw badMaster(
            "expected spark://HOST:PORT[,HOST:PORT…] with a port in each, e.g."
                + " spark://master:7077; found the address "
                + hostPort);
      }
      addresses.add(InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
    }
    return addresses;
  }

  private void checkClusterManager() {
    if (master.equals("yarn")
        && !"cluster".equals(sparkProperties.get("spark.submit.deployMode"))
        && isBlank(env.get("HADOOP_CONF_DIR"))
        && isBlank(env.get("YARN_CONF_DIR"))) {
      throw badMaster(
          "neither HADOOP_CONF_DIR nor YARN_CONF_DIR is set; expected one of them to name the"
              + " directory of the cluster's configuration (core-site.xml, yarn-site.xml)");
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (ExternalClusterManager manager :
        ServiceLoader.load(
            ExternalClusterManager.class,
            loader != null ? loader : LaunchSettings.class.getClassLoader())) {
      if (manager.canCreate(master)) {
        return;
      }
    }
    String module = clusterModule();
    throw badMaster(
        module == null
            ? "expected " + FORMS
            : "this Spark has no cluster manager for it ("
                + module
                + " is not on the classpath); expected a run through spark-submit of a Spark"
                + " distribution that has it");
  }

  /** The Spark module whose cluster manager accepts {@link #master}, as its canCreate says. */
  private String clusterModule() {
    if (master.equals("yarn")) {
      return "spark-yarn";
    } else if (master.startsWith("k8s")) {
      return "spark-kubernetes";
    } else if (master.startsWith("mesos")) {
      return "spark-mesos";
    }
    return null;
  }

  private void checkMemory() {
    long heap = longProperty("spark.testing.memory", maxHeap);
    long reserved =
        longProperty(
            "spark.testing.reservedMemory",
            sparkProperties.containsKey("spark.testing") ? 0 : RESERVED_SYSTEM_MEMORY);
    long minimum = (long) Math.ceil(reserved * 1.5);
    if (heap < minimum) {
      throw new Rejected(
          "the driver's maximum heap is "
              + mib(heap)
              + ": expected at least Spark's minimum of "
              + mib(minimum)
              + " (1.5 × its "
              + mib(reserved)
              + " of reserved memory); raise -Xmx in RANKSCAPE_JAVA_OPTS, or --driver-memory"
              + " under spark-submit");
    }
    String executorMemory = sparkProperties.get(EXECUTOR_MEMORY);
    if (executorMemory != null) {
      long bytes = bytes("spark.executor.memory", executorMemory);
      if (bytes < minimum) {
        throw new Rejected(
            EXECUTOR_MEMORY
                + " = "
                + executorMemory
                + " ("
                + mib(bytes)
                + "): expected at least Spark's minimum of "
                + mib(minimum)
                + " (a number without a unit is bytes here, e.g. 8g)");
      }
    }
  }

  private void checkReachable(List<InetSocketAddress> addresses) {
    List<String> failures = new ArrayList<>();
    for (InetSocketAddress address : addresses) {
      String where = address.getHostString() + ":" + address.getPort();
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(address.getHostString(), address.getPort()), CONNECT_TIMEOUT_MS);
        return;
      } catch (UnknownHostException e) {
        failures.add(where + ": unknown host");
      } catch (SocketTimeoutException e) {
        failures.add(where + ": no answer within " + CONNECT_TIMEOUT_MS / 1000 + " s");
      } catch (IOException e) {
        failures.add(where + ": " + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT));
      }
    }
    throw badMaster(
        "cannot connect ("
            + String.join("; ", failures)
            + "); expected a running standalone master listening there");
  }

  private long longProperty(String key, long fallback) {
    String value = sparkProperties.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new Rejected(key + " = " + value + ": expected a whole number of bytes");
    }
  }

  private static long bytes(String key, String size) {
    try {
      return JavaUtils.byteStringAsBytes(size);
    } catch (NumberFormatException e) {
      throw new Rejected(key + " = " + size + ": expected a size such as 8g or 512m");
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private Rejected badMaster(String what) {
    return new Rejected("Spark master " + master + " (" + masterSource + "): " + what);
  }

  /** A launch setting Spark would refuse; the command line maps it to exit code 2. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }
}
