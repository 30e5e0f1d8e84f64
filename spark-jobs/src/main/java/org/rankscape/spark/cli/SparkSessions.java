package org.rankscape.spark.cli;

import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session for a command: the embedded {@code local[*]} unless a master is given.
 */
final class SparkSessions {
  private SparkSessions() {}

  /**
   * @param master a Spark master URL, or null to use the one spark-submit set, else {@code
   *     local[*]}
   */
  static SparkSession open(String master, String appName) {
    String chosen = master != null ? master : System.getProperty("spark.master", "local[*]");
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
    return b.getOrCreate();
  }
}
