package org.rankscape.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything measured on one matrix F: the engine's three methods, MLlib's Gramian, the direct
 * SVDs, and what is known of the truth.
 *
 * @param title heading, e.g. "60000 × 2880"
 * @param input how the matrix was made and handed to each side
 * @param generationSeconds a Spark pass that only produces the engine's blocks (part of every
 *     engine pass)
 * @param gram the engine's {@code gram}
 * @param tsqr the engine's {@code tsqr}
 * @param auto the engine's {@code auto}
 * @param mllib MLlib's {@code computeGramianMatrix} and the eigen-solve
 * @param lapackSvd the direct LAPACK SVD through the engine's OpenBLAS
 * @param numpySvd numpy's SVD, or null when it could not run
 * @param numpyMissing why numpy's SVD did not run, or null when it did
 * @param trueRank the exact rank when F was built with known singular values, else −1
 * @param trueSigmaMin the exact σ_min when known, else NaN
 * @param trueSigmaMax the exact σ_max when known, else NaN
 */
record MatrixResults(
    String title,
    String input,
    double generationSeconds,
    Measurement gram,
    Measurement tsqr,
    Measurement auto,
    Measurement mllib,
    Measurement lapackSvd,
    Measurement numpySvd,
    String numpyMissing,
    int trueRank,
    double trueSigmaMin,
    double trueSigmaMax) {

  /** True when the singular values are known by construction. */
  boolean truthKnown() {
    return trueRank >= 0;
  }

  /** The rows of the report's table, in order. */
  List<Measurement> measurements() {
    List<Measurement> all = new ArrayList<>(List.of(gram, tsqr, auto, mllib, lapackSvd));
    if (numpySvd != null) {
      all.add(numpySvd);
    }
    return all;
  }

  /** The fastest direct SVD: the single-node figure the exact methods are held against. */
  Measurement fastestDirectSvd() {
    return numpySvd != null && numpySvd.seconds() < lapackSvd.seconds() ? numpySvd : lapackSvd;
  }

  /** The reference rank: the true one when known, else the direct LAPACK SVD's. */
  int referenceRank() {
    return truthKnown() ? trueRank : lapackSvd.spectrum().rankNr();
  }

  /** The reference σ_min: the true one when known, else the direct LAPACK SVD's. */
  double referenceSigmaMin() {
    return truthKnown() ? trueSigmaMin : lapackSvd.spectrum().sigmaMin();
  }

  /** The reference σ_max: the true one when known, else the direct LAPACK SVD's. */
  double referenceSigmaMax() {
    return truthKnown() ? trueSigmaMax : lapackSvd.spectrum().sigmaMax();
  }
}
