package org.rankscape.cnn;

import java.io.Serializable;
import java.nio.file.Path;
import org.rankscape.data.ImageSet;
import org.rankscape.data.MnistDataset;
import org.rankscape.data.TrainingSubset;

/**
 * The recipe of a trial's N training images: which MNIST images, and the seeded Gaussian noise on
 * them. Deterministic, so that every executor that computes a block of F_k rebuilds exactly the
 * images the network was trained on, from the data directory alone.
 */
record TrainingImages(
    String dataDir,
    int samples,
    String subset,
    long subsetSeed,
    double noiseVariance,
    long noiseSeed)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  ImageSet load() {
    return pick(MnistDataset.loadTrain(Path.of(dataDir)));
  }

  /** The N noisy images, picked from the 60,000 MNIST training images in {@code train}. */
  ImageSet pick(ImageSet train) {
    int[] picked =
        subset.equals("stratified")
            ? TrainingSubset.stratified(samples, train, subsetSeed)
            : TrainingSubset.first(samples, train);
    return train.subset(picked).withGaussianNoise(noiseVariance, noiseSeed);
  }
}
