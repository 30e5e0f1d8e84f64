package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.spark.LocalSpark;

/**
 * The same trial swept twice on local[2]: its spectra accumulated by TSQR across the cluster after
 * training, and computed inside the task by the direct LAPACK SVD (the independent reference).
 * Ranks and σ must agree, and the rows must say where and how they were computed.
 */
class ClusterSpectraTest {
  @TempDir Path tmp;

  @Test
  void tsqrOnTheClusterAgreesWithTheInTaskSvd() {
    System.setProperty("rankscape.home", SmokeSweepTest.HOME.toString());
    Map<String, Row> cluster = layers(sweep("cluster", "tsqr"));
    Map<String, Row> task = layers(sweep("task", "svd"));
    assertEquals(List.of("conv1", "conv2"), List.copyOf(cluster.keySet()));
    for (String layer : cluster.keySet()) {
      Row c = cluster.get(layer);
      Row t = task.get(layer);
      assertEquals("cluster", c.getAs("where_computed"));
      assertEquals("tsqr-dtpqrt-dgesdd", c.getAs("method"));
      assertEquals("task", t.getAs("where_computed"));
      assertEquals("svd-lapack-dgesdd", t.getAs("method"));
      assertEquals((int) t.getAs("rank_nr"), (int) c.getAs("rank_nr"), layer);
      assertEquals((int) t.getAs("rank_numpy"), (int) c.getAs("rank_numpy"), layer);
      double sigmaMax = t.getAs("sigma_max");
      assertEquals(sigmaMax, (double) c.getAs("sigma_max"), 1e-12 * sigmaMax, layer);
      if ((boolean) t.getAs("sigma_min_resolved")) {
        double sigmaMin = t.getAs("sigma_min");
        assertEquals(sigmaMin, (double) c.getAs("sigma_min"), 1e-6 * sigmaMin, layer);
      }
    }
  }

  private Path sweep(String where, String method) {
    Path out = tmp.resolve(where);
    int code =
        Rankscape.execute(
            "sweep",
            SmokeSweepTest.SMOKE.toString(),
            "--out",
            out.toString(),
            "--master",
            "local[2]",
            "--set",
            "grid.filters=[2]",
            "--set",
            "settings.spectra_on=" + where,
            "--set",
            "settings.method=" + method);
    assertEquals(0, code, "sweep with spectra_on = " + where);
    return out;
  }

  private static Map<String, Row> layers(Path out) {
    SparkSession spark =
        LocalSpark.start("cluster-spectra-test", 1);
    try {
      Map<String, Row> byLayer = new TreeMap<>();
      for (Row r : spark.read().parquet(out.resolve("layers").toString()).collectAsList()) {
        byLayer.put(r.getAs("layer"), r);
      }
      assertTrue(byLayer.size() == 2, "one row per layer: " + byLayer);
      return byLayer;
    } finally {
      spark.stop();
    }
  }
}
