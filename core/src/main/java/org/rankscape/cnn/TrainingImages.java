package org.rankscape.cnn;

import java.io.Serializable;
import java.lang.ref.SoftReference;
import org.rankscape.data.DataLocation;
import org.rankscape.data.ImageSet;
import org.rankscape.data.MnistDataset;
import org.rankscape.data.TrainingSubset;

/**
 * The recipe of a trial's N training images: which MNIST images, and the seeded Gaussian noise on
 * them. Deterministic, so that every executor that computes a block of F_k rebuilds exactly the
 * images the network was trained on, from the data directory alone.
 */
record TrainingImages(
    DataLocation data,
    int samples,
    String subset,
    long subsetSeed,
    double noiseVariance,
    long noiseSeed)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  // The images of the last recipe loaded in this JVM: concurrent tasks of one executor that read
  // blocks of the same F_k share one copy (188 MB at N = 60,000) instead of loading one each.
  // Soft, so that memory pressure can reclaim it between spectra.
  private static final Object LOCK = new Object();
  private static TrainingImages lastRecipe;
  private static SoftReference<ImageSet> lastImages = new SoftReference<>(null);

  /** The images, loaded from {@code data} or shared with an earlier load of the same recipe. */
  ImageSet load() {
    synchronized (LOCK) {
      ImageSet images = equals(lastRecipe) ? lastImages.get() : null;
      if (images == null) {
        lastImages.clear();
        images = pick(MnistDataset.loadTrain(data.localDir()));
        lastRecipe = this;
        lastImages = new SoftReference<>(images);
      }
      return images;
    }
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
