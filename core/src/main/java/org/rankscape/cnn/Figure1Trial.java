package org.rankscape.cnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.rankscape.data.ImageSet;
import org.rankscape.data.MnistDataset;
import org.rankscape.model.FeatureLayer;
import org.rankscape.model.Figure1Network;
import org.rankscape.model.blas.BlasFigure1Network;
import org.rankscape.results.PendingSpectrum;
import org.rankscape.results.SpectrumColumns;
import org.rankscape.results.TrialOutcome;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.StreamedSpectrum;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.train.DataParallelTraining;
import org.rankscape.train.Dl4jNetwork;
import org.rankscape.train.EpochRecord;
import org.rankscape.train.EpochUpdates;
import org.rankscape.train.Fit;
import org.rankscape.train.FitEvaluator;
import org.rankscape.train.TrainableNetwork;
import org.rankscape.train.Trainer;
import org.rankscape.train.TrainingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trial of the Table 2 experiment: pick N training images, add seeded Gaussian noise (training
 * images only), train the Figure-1 network in float32 (in this task, or across the cluster from the
 * driver for {@code trainer = data-parallel}), count test errors, then compute the spectrum of F_k
 * (in float64) for each requested layer by the chosen method: here, block by block, or, for a large
 * F_k, left to the cluster as a {@link PendingSpectrum}.
 */
final class Figure1Trial {
  private static final Logger LOG = LoggerFactory.getLogger(Figure1Trial.class);
  // Independent random streams derived from the trial's seed, one per purpose.
  private static final long NOISE_STREAM = 1;
  private static final long SHUFFLE_STREAM = 2;
  private static final long DISTRIBUTION_STREAM = 3;

  private final Figure1Settings s;
  private final String trialId;
  private final RunContext context;
  private final TrialProgress progress;

  Figure1Trial(
      Figure1Settings settings, String trialId, RunContext context, TrialProgress progress) {
    this.s = settings;
    this.trialId = trialId;
    this.context = context;
    this.progress = progress;
  }

  TrialOutcome run() {
    Optional<DataParallelTraining> cluster = dataParallelTraining();
    MnistDataset mnist = MnistDataset.load(context.data().localDir());
    TrainingImages recipe =
        new TrainingImages(
            context.data(),
            s.samples(),
            s.subset(),
            s.subsetSeed(),
            s.noiseVariance(),
            derive(NOISE_STREAM));
    ImageSet train = recipe.pick(mnist.train());
    ImageSet test = mnist.test();

    MultiLayerNetwork net =
        Figure1Network.build(
            s.filters(), s.activation(), s.weightInit(), s.learningRate(), s.lrDecay(), s.seed());
    long start = System.nanoTime();
    TrainableNetwork trainable = trainable(net);
    EpochUpdates updates =
        cluster
            .map(
                c ->
                    c.distribute(
                        net, s.batchSize(), s.averagingFrequency(), derive(DISTRIBUTION_STREAM)))
            .orElseGet(() -> Trainer.minibatches(trainable, s.batchSize()));
    TrainingRun run =
        Trainer.train(
            updates,
            trainable,
            train,
            s.epochs(),
            derive(SHUFFLE_STREAM),
            e -> Figure1Network.learningRate(s.learningRate(), s.lrDecay(), e),
            this::epochDone,
            context.checkpointing(trialId));
    EpochRecord last = run.last();
    Fit testFit = FitEvaluator.evaluate(trainable, test);
    if (trainable instanceof BlasFigure1Network blas) {
      blas.copyParametersTo(net); // the features below are DL4J's
    }
    double trainSeconds = (System.nanoTime() - start) / 1e9;

    long spectraStart = System.nanoTime();
    List<Map<String, Object>> layerRows = new ArrayList<>();
    List<PendingSpectrum> pending = new ArrayList<>();
    for (FeatureLayer layer : s.layers()) {
      Figure1FeatureSource source = new Figure1FeatureSource(net, s.filters(), recipe, layer);
      if (s.onCluster(layer)) {
        pending.add(
            new PendingSpectrum(
                Figure1Family.LAYERS_TABLE, layerKey(layer), source, s.method(), s.treeDepth()));
        continue;
      }
      Spectrum spectrum = StreamedSpectrum.compute(source, s.method(), StreamedSpectrum.IN_THREAD);
      LOG.info(
          "trial {} T1={} {}: {}x{} rank {} sigma_min {} by {}",
          trialId,
          s.filters(),
          layer.label(),
          spectrum.rows(),
          spectrum.cols(),
          spectrum.rankNr(),
          spectrum.sigmaMinResolved() ? spectrum.sigmaMin() : "below floor",
          spectrum.method());
      Map<String, Object> row = layerKey(layer);
      row.putAll(SpectrumColumns.values(spectrum, SpectrumColumns.IN_TASK));
      layerRows.add(row);
    }

    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("train_loss", last.loss());
    metrics.put("train_errors", last.trainErrors());
    metrics.put("test_errors", testFit.errors());
    metrics.put("test_samples", testFit.count());
    metrics.put("train_seconds", trainSeconds);
    metrics.put("workers", updates.workers());
    metrics.put(Figure1Family.RESUMED_AFTER_EPOCH, run.restoredEpochs());
    metrics.put(Figure1Family.CHECKPOINT_DISCARDED, run.checkpoint().discardReason().orElse(null));
    metrics.put("spectra_seconds", (System.nanoTime() - spectraStart) / 1e9);
    return new TrialOutcome(
        metrics,
        Map.of(
            Figure1Family.LAYERS_TABLE,
            layerRows,
            Figure1Family.EPOCHS_TABLE,
            run.records().stream().map(Figure1Trial::epochRow).toList()),
        pending);
  }

  private void epochDone(EpochRecord r) {
    LOG.info(
        "trial {} T1={} epoch {}/{}: loss {} train errors {} ({} s)",
        trialId,
        s.filters(),
        r.epoch(),
        s.epochs(),
        String.format("%.4g", r.loss()),
        r.trainErrors(),
        String.format("%.1f", r.trainSeconds()));
    progress.epochDone(r.epoch(), s.epochs());
  }

  /**
   * The cluster's training for a data-parallel trial, empty for the others.
   *
   * @throws IllegalStateException for a data-parallel trial run without it (not on a Spark driver)
   */
  private Optional<DataParallelTraining> dataParallelTraining() {
    if (!s.dataParallel()) {
      return Optional.empty();
    }
    return Optional.of(
        context
            .driverService(DataParallelTraining.class)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "trial "
                            + trialId
                            + " has trainer = data-parallel, which trains across a Spark"
                            + " cluster from the driver, but it was run without one (no"
                            + " data-parallel training in its RunContext); run it with"
                            + " `rankscape sweep`, which runs such trials on the driver, or"
                            + " choose trainer = blas or dl4j to train inside one task")));
  }

  /**
   * The network as trained (blas) or evaluated: DL4J's own for {@code dl4j} and {@code
   * data-parallel}, whose driver-side copy the cluster's averaging updates in place.
   */
  private TrainableNetwork trainable(MultiLayerNetwork net) {
    return s.trainer().equals(Figure1Settings.BLAS_TRAINER)
        ? new BlasFigure1Network(
            net, s.filters(), s.activation(), s.learningRate(), s.lrDecay(), s.batchSize())
        : new Dl4jNetwork(
            net, Figure1Network.IMAGE_SIDE * Figure1Network.IMAGE_SIDE, Figure1Network.CLASSES);
  }

  /** The columns that identify a layer's row; {@link SpectrumColumns} fill the rest. */
  private static Map<String, Object> layerKey(FeatureLayer layer) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("layer", layer.label());
    row.put("paper_index", layer.paperIndex());
    return row;
  }

  private static Map<String, Object> epochRow(EpochRecord r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("epoch", r.epoch());
    row.put("loss", r.loss());
    row.put("train_errors", r.trainErrors());
    row.put("learning_rate", r.learningRate());
    row.put("train_seconds", r.trainSeconds());
    row.put("eval_seconds", r.evalSeconds());
    row.put("restored", r.restored());
    return row;
  }

  private long derive(long stream) {
    return new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + stream).nextLong();
  }
}
