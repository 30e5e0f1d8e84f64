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
import org.rankscape.train.EpochRecord;
import org.rankscape.train.EpochUpdates;
import org.rankscape.train.Fit;
import org.rankscape.train.FitEvaluator;
import org.rankscape.train.TrainableNetwork;
import org.rankscape.train.Trainer;
import org.rankscape.train.TrainingRun;
import org.rankscape.train.dl4j.DataParallelTraining;
import org.rankscape.train.dl4j.Dl4jNetwork;
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

  /**
   * The trial, step by step: data, network, training, evaluation, spectra, outcome. Each step is
   * deterministic given the settings; only the seconds measured differ from run to run.
   */
  TrialOutcome run() {
    Optional<DataParallelTraining> cluster = dataParallelTraining();
    MnistDataset mnist = MnistDataset.load(context.data().localDir());
    TrainingImages recipe = trainingImages();
    ImageSet train = recipe.pick(mnist.train());
    MultiLayerNetwork net = network();

    long start = System.nanoTime();
    TrainableNetwork trainable = trainable(net);
    EpochUpdates updates = updates(net, trainable, cluster);
    TrainingRun run = train(updates, trainable, train);
    Fit test = evaluate(trainable, net, mnist.test());
    double trainSeconds = secondsSince(start);

    Spectra spectra = spectra(net, recipe);
    return outcome(run, test, updates.workers(), trainSeconds, spectra);
  }

  /** Which N training images the trial uses and their seeded noise; a recipe the cluster reuses. */
  private TrainingImages trainingImages() {
    return new TrainingImages(
        context.data(),
        s.samples(),
        s.subset(),
        s.subsetSeed(),
        s.noiseVariance(),
        derive(NOISE_STREAM));
  }

  /** The untrained Figure-1 network of the settings, in DL4J, initialised from the seed. */
  private MultiLayerNetwork network() {
    return Figure1Network.build(
        s.filters(), s.activation(), s.weightInit(), s.learningRate(), s.lrDecay(), s.seed());
  }

  /**
   * How each epoch's parameter updates are computed: across the cluster for a data-parallel trial,
   * otherwise one minibatch after another in this JVM.
   */
  private EpochUpdates updates(
      MultiLayerNetwork net, TrainableNetwork trainable, Optional<DataParallelTraining> cluster) {
    return cluster
        .map(
            c ->
                c.distribute(
                    net, s.batchSize(), s.averagingFrequency(), derive(DISTRIBUTION_STREAM)))
        .orElseGet(() -> Trainer.minibatches(trainable, s.batchSize()));
  }

  /** Every epoch, from the checkpoint the trial left if there is a usable one. */
  private TrainingRun train(EpochUpdates updates, TrainableNetwork trainable, ImageSet train) {
    return Trainer.train(
        updates,
        trainable,
        train,
        s.epochs(),
        derive(SHUFFLE_STREAM),
        e -> Figure1Network.learningRate(s.learningRate(), s.lrDecay(), e),
        this::epochDone,
        context.checkpointing(trialId));
  }

  /**
   * The trained network's errors on the test images; leaves the trained parameters in {@code net},
   * whose DL4J layers compute the features.
   */
  private static Fit evaluate(TrainableNetwork trainable, MultiLayerNetwork net, ImageSet test) {
    Fit fit = FitEvaluator.evaluate(trainable, test);
    if (trainable instanceof BlasFigure1Network blas) {
      blas.copyParametersTo(net);
    }
    return fit;
  }

  /** What the spectra of the analysed layers gave, and the seconds they took in this task. */
  private record Spectra(
      List<Map<String, Object>> rows, List<PendingSpectrum> pending, double seconds) {}

  /**
   * The spectrum of F_k for each analysed layer: computed here, or, for a large F_k, left to the
   * cluster as a {@link PendingSpectrum}.
   */
  private Spectra spectra(MultiLayerNetwork net, TrainingImages recipe) {
    long start = System.nanoTime();
    List<Map<String, Object>> rows = new ArrayList<>();
    List<PendingSpectrum> pending = new ArrayList<>();
    for (FeatureLayer layer : s.layers()) {
      Figure1FeatureSource source = new Figure1FeatureSource(net, s.filters(), recipe, layer);
      if (s.onCluster(layer)) {
        pending.add(
            new PendingSpectrum(
                Figure1Family.LAYERS_TABLE, layerKey(layer), source, s.method(), s.treeDepth()));
      } else {
        rows.add(spectrumHere(layer, source));
      }
    }
    return new Spectra(rows, pending, secondsSince(start));
  }

  /** The layers row of {@code layer}, its spectrum computed in this thread. */
  private Map<String, Object> spectrumHere(FeatureLayer layer, Figure1FeatureSource source) {
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
    return row;
  }

  /** The trial's metrics (in {@link Figure1Family#METRICS}' order) and its rows of each table. */
  private static TrialOutcome outcome(
      TrainingRun run, Fit test, int workers, double trainSeconds, Spectra spectra) {
    EpochRecord last = run.last();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("train_loss", last.loss());
    metrics.put("train_errors", last.trainErrors());
    metrics.put("test_errors", test.errors());
    metrics.put("test_samples", test.count());
    metrics.put("train_seconds", trainSeconds);
    metrics.put("workers", workers);
    metrics.put(Figure1Family.RESUMED_AFTER_EPOCH, run.restoredEpochs());
    metrics.put(Figure1Family.CHECKPOINT_DISCARDED, run.checkpoint().discardReason().orElse(null));
    metrics.put("spectra_seconds", spectra.seconds());
    return new TrialOutcome(
        metrics,
        Map.of(
            Figure1Family.LAYERS_TABLE,
            spectra.rows(),
            Figure1Family.EPOCHS_TABLE,
            run.records().stream().map(Figure1Trial::epochRow).toList()),
        spectra.pending());
  }

  private static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
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
            net,
            s.filters(),
            s.activation(),
            s.learningRate(),
            s.lrDecay(),
            s.batchSize(),
            context.cores())
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
