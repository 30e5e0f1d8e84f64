package org.rankscape.spark;

import org.apache.spark.sql.SparkSession;

/** An embedded Spark session for tests: {@code local[threads]}, no UI, bound to loopback only. */
public final class LocalSpark {
  private LocalSpark() {}

  public static SparkSession start(String appName, int threads) {
    return SparkSession.builder()
        .master("local[" + threads + "]")
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
