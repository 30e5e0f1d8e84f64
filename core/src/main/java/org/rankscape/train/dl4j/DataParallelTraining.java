package org.rankscape.train.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.rankscape.train.EpochUpdates;
import org.rankscape.train.FitEvaluator;
import org.rankscape.train.Trainer;

/**
 * Trains one network across the executors of a cluster by parameter averaging, driven from the
 * process that holds the network (a Spark driver). Implemented outside core (spark-jobs) and handed
 * to trials as a {@link org.rankscape.sweep.RunContext#driverService}; core only states the
 * contract.
 *
 * <p>Each epoch's minibatches (in the order {@link Trainer} draws) are spread over W workers. In
 * every averaging round each worker starts from the driver's parameters and optimiser state, takes
 * {@code averagingFrequency} optimiser steps of its own on {@code batchSize} images each, and the
 * driver's network is then set to the mean of the workers' parameters and optimiser states. So a
 * round consumes up to W·averagingFrequency minibatches, and the network is not the one single-node
 * training would produce from the same order.
 */
public interface DataParallelTraining {
  /**
   * The epochs of parameter updates of {@code net}, which is changed in place after every averaging
   * round (and its epoch counter advanced after every epoch), so that {@link FitEvaluator} on the
   * driver measures the current network.
   *
   * @param batchSize images per optimiser step of one worker
   * @param averagingFrequency optimiser steps each worker takes between two averagings (≥ 1)
   * @param seed seeds every random choice of the distribution (which minibatch goes to which worker
   *     and round), so that a rerun on the same cluster repeats
   */
  EpochUpdates distribute(MultiLayerNetwork net, int batchSize, int averagingFrequency, long seed);
}
