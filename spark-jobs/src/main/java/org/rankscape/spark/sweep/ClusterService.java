package org.rankscape.spark.sweep;

import org.apache.spark.api.java.JavaSparkContext;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;

/**
 * A service of the cluster that trials running on the driver ({@link
 * ExperimentFamily#runsOnDriver}) find through {@link RunContext#driverService}, e.g. training one
 * network across all executors. Implementations register in {@code META-INF/services}, as families
 * do, so the machinery names none; each has a public no-argument constructor.
 *
 * @param <T> the type trials ask for
 */
public interface ClusterService<T> {
  /** The type trials ask {@link RunContext#driverService} for. */
  Class<T> type();

  /** The service driving the cluster of {@code jsc}; made on the driver for each trial there. */
  T on(JavaSparkContext jsc);
}
