package org.rankscape.cnn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.rankscape.data.ImageSet;
import org.rankscape.data.MnistDataset;
import org.rankscape.data.TrainingSubset;
import org.rankscape.model.FeatureLayer;
import org.rankscape.model.Figure1Network;
import org.rankscape.model.LayerFeatures;
import org.rankscape.results.TrialOutcome;
import org.rankscape.spectra.FeatureMatrix;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SvdSpectrum;
import org.rankscape.train.EpochRecord;
import org.rankscape.train.Fit;
import org.rankscape.train.FitEvaluator;
import org.rankscape.sweep.RunContext;
import org.rankscape.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trial of the Table 2 experiment: pick N training images, add seeded Gaussian noise (training
 * images only), train the Figure-1 network in float32, count test errors, then compute F_k in
 * float64 for each requested layer and its spectrum by a double-precision LAPACK SVD.
 */
final class Figure1Trial {
  private static final Logger LOG = LoggerFactory.getLogger(Figure1Trial.class);
  // Independent random streams derived from the trial's seed, one per purpose.
  private static final long NOISE_STREAM = 1;
  private static final long SHUFFLE_STREAM = 2;

  private final Figure1Settings s;
  private final String trialId;
  private final RunContext context;

  Figure1Trial(Figure1Settings settings, String trialId, RunContext context) {
    this.s = settings;
    this.trialId = trialId;
    this.context = context;
  }

  TrialOutcome run() {
    MnistDataset mnist = MnistDataset.load(Path.of(context.dataDir()));
    int[] picked =
        s.subset().equals("stratified")
            ? TrainingSubset.stratified(s.samples(), mnist.train(), s.subsetSeed())
            : TrainingSubset.first(s.samples(), mnist.train());
    ImageSet train =
        mnist.train().subset(picked).withGaussianNoise(s.noiseVariance(), derive(NOISE_STREAM));
    ImageSet test = mnist.test();

    MultiLayerNetwork net =
        Figure1Network.build(
            s.filters(), s.activation(), s.weightInit(), s.learningRate(), s.lrDecay(), s.seed());
    long start = System.nanoTime();
    List<EpochRecord> epochs =
        Trainer.train(
            net,
            train,
            s.epochs(),
            s.batchSize(),
            derive(SHUFFLE_STREAM),
            e -> Figure1Network.learningRate(s.learningRate(), s.lrDecay(), e),
            r ->
                LOG.info(
                    "trial {} T1={} epoch {}/{}: loss {} train errors {} ({} s)",
                    trialId,
                    s.filters(),
                    r.epoch(),
                    s.epochs(),
                    String.format("%.4g", r.loss()),
                    r.trainErrors(),
                    String.format("%.1f", r.trainSeconds())));
    EpochRecord last = epochs.get(epochs.size() - 1);
    Fit testFit = FitEvaluator.evaluate(net, test);
    double trainSeconds = (System.nanoTime() - start) / 1e9;

    long spectraStart = System.nanoTime();
    List<Map<String, Object>> layerRows = new ArrayList<>();
    Map<FeatureLayer, FeatureMatrix> features = LayerFeatures.extract(net, train, s.layers());
    for (FeatureLayer layer : s.layers()) {
      Spectrum spectrum = SvdSpectrum.of(features.remove(layer));
      LOG.info(
          "trial {} T1={} {}: {}x{} rank {} sigma_min {}",
          trialId,
          s.filters(),
          layer.label(),
          spectrum.rows(),
          spectrum.cols(),
          spectrum.rankNr(),
          spectrum.sigmaMin());
      layerRows.add(layerRow(layer, spectrum));
    }

    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("train_loss", last.loss());
    metrics.put("train_errors", last.trainErrors());
    metrics.put("test_errors", testFit.errors());
    metrics.put("test_samples", testFit.count());
    metrics.put("train_seconds", trainSeconds);
    metrics.put("spectra_seconds", (System.nanoTime() - spectraStart) / 1e9);
    return new TrialOutcome(
        metrics,
        Map.of(
            Figure1Family.LAYERS_TABLE,
            layerRows,
            Figure1Family.EPOCHS_TABLE,
            epochs.stream().map(Figure1Trial::epochRow).toList()));
  }

  private static Map<String, Object> layerRow(FeatureLayer layer, Spectrum sp) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("layer", layer.label());
    row.put("paper_index", layer.paperIndex());
    row.put("rows", sp.rows());
    row.put("cols", sp.cols());
    row.put("wide", sp.cols() >= sp.rows());
    row.put("rank_nr", sp.rankNr());
    row.put("rank_numpy", sp.rankNumpy());
    row.put("full_rank", sp.rankNr() == Math.min(sp.rows(), sp.cols()));
    row.put("threshold_nr", sp.thresholdNr());
    row.put("threshold_numpy", sp.thresholdNumpy());
    row.put("sigma_min", sp.sigmaMin());
    row.put("sigma_max", sp.sigmaMax());
    row.put("floor", sp.floor());
    row.put("sigma_min_resolved", sp.sigmaMinResolved());
    row.put("method", sp.method());
    row.put("precision", "float64");
    row.put("seconds", sp.seconds());
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
    return row;
  }

  private long derive(long stream) {
    return new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + stream).nextLong();
  }
}
