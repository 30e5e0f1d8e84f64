package org.rankscape.spark.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.rankscape.spark.sweep.ClusterService;
import org.rankscape.train.dl4j.DataParallelTraining;

/**
 * Offers {@link ParameterAveragingTraining} to trials on the driver (figure1-cnn's {@code trainer =
 * data-parallel}); registered in {@code META-INF/services}.
 */
public final class ParameterAveragingService implements ClusterService<DataParallelTraining> {
  @Override
  public Class<DataParallelTraining> type() {
    return DataParallelTraining.class;
  }

  @Override
  public DataParallelTraining on(JavaSparkContext jsc) {
    return new ParameterAveragingTraining(jsc);
  }
}
