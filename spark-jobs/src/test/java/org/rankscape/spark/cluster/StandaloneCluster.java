package org.rankscape.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine, for integration tests: a Master and {@code workers}
 * Workers of one core each, every one its own JVM on the jars of a SPARK_HOME, bound to 127.0.0.1
 * only, on ports free at start. Applications are submitted through {@code SparkSubmit} in client
 * mode, the driver in its own JVM. Processes log to files in the cluster's directory; {@link
 * #close()} ends all of them, the executors the Workers started included.
 *
 * <p>The daemons run without {@code OMP_NUM_THREADS}, as a cluster's would: executors get it from
 * the application's {@code spark.executorEnv}.
 */
public final class StandaloneCluster implements AutoCloseable {
  static final String LOOPBACK = "127.0.0.1";
  static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
  static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(90);
  static final String DAEMON_HEAP = "-Xmx512m";
  static final String WORKER_MEMORY = "2g";
  static final String EXECUTOR_MEMORY = "1536m";
  static final String DRIVER_HEAP = "-Xmx2g";

  private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

  private final ClusterSettings settings;
  private final ProcessGroup processes;
  private final int masterPort;
  private final int masterUiPort;
  private final List<Process> workers = new ArrayList<>();

  private StandaloneCluster(ClusterSettings settings) {
    this.settings = settings;
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_HOME", settings.sparkHome().toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", LOOPBACK);
    env.put("OMP_NUM_THREADS", null);
    this.processes = new ProcessGroup(settings.dir(), env);
    this.masterPort = freePort();
    this.masterUiPort = freePort();
  }

  /**
   * Starts the Master and the Workers and returns once the Master counts every Worker alive.
   *
   * @throws IllegalStateException naming the count and the processes' log tails if that takes
   *     longer than {@link #REGISTRATION_TIMEOUT}
   */
  public static StandaloneCluster start(ClusterSettings settings, int workers) {
    StandaloneCluster cluster = new StandaloneCluster(settings);
    try {
      cluster.startDaemons(workers);
      cluster.awaitWorkers(workers);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Where the cluster's processes log and its applications run. */
  public Path directory() {
    return settings.dir();
  }

  public String masterUrl() {
    return "spark://" + LOOPBACK + ":" + masterPort;
  }

  private void startDaemons(int workerCount) {
    processes.startJava(
        "master",
        settings.dir(),
        daemon(
            "org.apache.spark.deploy.master.Master",
            "--host",
            LOOPBACK,
            "--port",
            String.valueOf(masterPort),
            "--webui-port",
            String.valueOf(masterUiPort)));
    for (int i = 1; i <= workerCount; i++) {
      Path workDir = settings.dir().resolve("worker-" + i);
      workers.add(
          processes.startJava(
              "worker-" + i,
              settings.dir(),
              daemon(
                  "org.apache.spark.deploy.worker.Worker",
                  "--host",
                  LOOPBACK,
                  "--port",
                  String.valueOf(freePort()),
                  "--webui-port",
                  String.valueOf(freePort()),
                  "--cores",
                  "1",
                  "--memory",
                  WORKER_MEMORY,
                  "--work-dir",
                  workDir.toString(),
                  masterUrl())));
    }
  }

  private List<String> daemon(String mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(DAEMON_HEAP, "-cp", settings.sparkClasspath()));
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  private void awaitWorkers(int expected) {
    HttpClient http = HttpClient.newHttpClient();
    URI state = URI.create("http://" + LOOPBACK + ":" + masterUiPort + "/json/");
    long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
    int alive = 0;
    while (System.nanoTime() < deadline) {
      alive = aliveWorkers(http, state);
      if (alive == expected) {
        return;
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException(
        "the Master at "
            + masterUrl()
            + " counts "
            + alive
            + " alive Workers of "
            + expected
            + " after "
            + REGISTRATION_TIMEOUT.toSeconds()
            + " s\n"
            + processes.logTails());
  }

  /** Alive Workers as the Master's web UI reports them; 0 while it does not answer yet. */
  private static int aliveWorkers(HttpClient http, URI state) {
    try {
      String json =
          http.send(HttpRequest.newBuilder(state).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = ALIVE_WORKERS.matcher(json);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException notUpYet) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Workers", e);
    }
  }

  /**
   * Submits the application jar's {@code Rankscape} command line with {@code args}: the driver in
   * its own JVM (client mode), one-core executors with one OpenMP thread and an event log in the
   * submission's directory.
   */
  public Submission submit(String name, List<String> args) {
    Path dir = settings.dir().resolve(name);
    Path eventLog = dir.resolve("event-log");
    try {
      Files.createDirectories(eventLog);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + eventLog, e);
    }
    List<String> command = new ArrayList<>();
    command.add(DRIVER_HEAP);
    // SparkSubmit runs the driver in this JVM, started without spark-submit's script: the script's
    // Java 17 options are ours to give. Executors get them from Spark itself (JavaModuleOptions).
    command.addAll(List.of(settings.javaOpens().split("\\s+")));
    command.add("-Dlog4j2.configurationFile=" + settings.logConfig());
    command.addAll(
        List.of("-cp", settings.sparkClasspath(), "org.apache.spark.deploy.SparkSubmit"));
    command.addAll(List.of("--master", masterUrl(), "--deploy-mode", "client"));
    command.addAll(conf("spark.driver.host", LOOPBACK));
    command.addAll(conf("spark.executor.cores", "1"));
    command.addAll(conf("spark.executor.memory", EXECUTOR_MEMORY));
    command.addAll(conf("spark.executorEnv.OMP_NUM_THREADS", "1"));
    command.addAll(conf("spark.eventLog.enabled", "true"));
    command.addAll(conf("spark.eventLog.dir", eventLog.toUri().toString()));
    command.addAll(List.of("--class", "org.rankscape.spark.cli.Rankscape"));
    command.add(settings.appJar().toString());
    command.addAll(args);
    Process driver = processes.startJava(name, dir, command);
    return new Submission(driver, settings.dir().resolve(name + ".out"), eventLog, processes);
  }

  private static List<String> conf(String key, String value) {
    return List.of("--conf", key + "=" + value);
  }

  /** The executor JVMs the Workers are running now. */
  public List<ProcessHandle> executors() {
    return workers.stream()
        .flatMap(Process::descendants)
        .filter(h -> h.info().commandLine().orElse("").contains(EXECUTOR_MAIN))
        .toList();
  }

  /** The processes' log tails, for failure messages. */
  public String logTails() {
    return processes.logTails();
  }

  @Override
  public void close() {
    processes.close();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK, e);
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
