package org.rankscape.spark.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.rankscape.train.EpochUpdates;
import org.rankscape.train.dl4j.DataParallelTraining;

/**
 * {@link DataParallelTraining} with dl4j-spark: a {@link SparkDl4jMultiLayer} under a seeded {@link
 * ParameterAveragingTrainingMaster}, one worker per default-parallelism slot of the cluster (W =
 * {@code defaultParallelism}, total executor cores). Lives on the driver only.
 *
 * <p>The master is configured so that a rerun repeats: its random split of each epoch into
 * averaging rounds is seeded ({@code rngSeed}); the minibatches are dealt to the W workers by
 * Spark's own even slicing, never repartitioned (dl4j-spark's balanced repartitioning shuffles, and
 * a shuffle's order is not fixed on a real cluster); workers prefetch nothing (no extra thread).
 * The workers' Adam states are averaged with their parameters ({@code saveUpdater}), so Adam's
 * moments carry over from round to round as in single-node training.
 *
 * <p>Reproducibility: with W ≤ 2 a rerun gives bitwise the same parameters. With more workers
 * dl4j-spark sums their parameters in the order their tasks finish, so reruns agree to float32
 * rounding only.
 */
public final class ParameterAveragingTraining implements DataParallelTraining {
  private final JavaSparkContext jsc;

  public ParameterAveragingTraining(JavaSparkContext jsc) {
    this.jsc = jsc;
  }

  @Override
  public EpochUpdates distribute(
      MultiLayerNetwork net, int batchSize, int averagingFrequency, long seed) {
    int workers = jsc.defaultParallelism();
    ParameterAveragingTrainingMaster master =
        new ParameterAveragingTrainingMaster.Builder(workers, batchSize)
            .batchSizePerWorker(batchSize)
            .averagingFrequency(averagingFrequency)
            .saveUpdater(true)
            .rddTrainingApproach(RDDTrainingApproach.Direct)
            .repartionData(Repartition.Never)
            .workerPrefetchNumBatches(0)
            .collectTrainingStats(false)
            .rngSeed(seed)
            .build();
    return new ParameterAveragingEpochs(
        jsc, new SparkDl4jMultiLayer(jsc, net, master), workers, batchSize);
  }
}
