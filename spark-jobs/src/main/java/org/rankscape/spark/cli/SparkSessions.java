package org.rankscape.spark.cli;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session for a command: the embedded {@code local[*]} unless a master is given.
 */
final class SparkSessions {
  /** The system property through which spark-submit passes its master to the driver. */
  static final String MASTER_PROPERTY = "spark.master";

  static final String DEFAULT_MASTER = "local[*]";

  private SparkSessions() {}

  /**
   * The master {@link #open} uses.
   *
   * @param option a Spark master URL, or null to use the one spark-submit set, else {@value
   *     #DEFAULT_MASTER}
   */
  static String master(String option) {
    return option != null ? option : System.getProperty(MASTER_PROPERTY, DEFAULT_MASTER);
  }

  /**
   * @param master a Spark master URL, or null (see {@link #master})
   */
  static SparkSession open(String master, String appName) {
    return open(master, appName, Map.of());
  }

  /**
   * @param master a Spark master URL, or null (see {@link #master})
   * @param conf Spark properties for this session (a command's {@code --conf} options)
   */
  static SparkSession open(String master, String appName, Map<String, String> conf) {
    String chosen = master(master);
    SparkSession.Builder b =
        SparkSession.builder()
            .appName(appName)
            .master(chosen)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            // The trials table is wide; Spark would warn when printing its plan.
            .config("spark.sql.debug.maxToStringFields", "1000");
    if (chosen.startsWith("local")) {
      // An embedded run serves nothing: keep the driver on loopback.
      b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    }
    conf.forEach(b::config);
    return b.getOrCreate();
  }
}
