package org.rankscape.model.blas;

import org.bytedeco.openblas.global.openblas;

/**
 * Single-precision matrix products on row-major matrices in native memory ({@link NativeFloats}),
 * by OpenBLAS's {@code cblas_sgemm} (the build that ND4J bundles; threads per {@code
 * OMP_NUM_THREADS}, one per task in a sweep; a trial given several cores runs one product per
 * thread, see {@link Workers}). Each method states its product; {@code accumulate} adds it to C
 * instead of overwriting C. Cost 2mnk flops.
 */
final class Sgemm {
  private Sgemm() {}

  /** C[m×n] (+)= A[m×k]·B[k×n]. */
  static void ab(
      int m, int n, int k, NativeFloats a, NativeFloats b, NativeFloats c, boolean accumulate) {
    gemm(openblas.CblasNoTrans, openblas.CblasNoTrans, m, n, k, a, k, b, n, c, accumulate);
  }

  /** C[m×n] (+)= A[m×k]·Bᵀ, B stored as [n×k]. */
  static void abT(
      int m, int n, int k, NativeFloats a, NativeFloats b, NativeFloats c, boolean accumulate) {
    gemm(openblas.CblasNoTrans, openblas.CblasTrans, m, n, k, a, k, b, k, c, accumulate);
  }

  /** C[m×n] (+)= Aᵀ·B[k×n], A stored as [k×m]. */
  static void aTb(
      int m, int n, int k, NativeFloats a, NativeFloats b, NativeFloats c, boolean accumulate) {
    gemm(openblas.CblasTrans, openblas.CblasNoTrans, m, n, k, a, m, b, n, c, accumulate);
  }

  /** C[m×n] (+)= Aᵀ·Bᵀ, A stored as [k×m], B as [n×k]. */
  static void aTbT(
      int m, int n, int k, NativeFloats a, NativeFloats b, NativeFloats c, boolean accumulate) {
    gemm(openblas.CblasTrans, openblas.CblasTrans, m, n, k, a, m, b, k, c, accumulate);
  }

  private static void gemm(
      int transA,
      int transB,
      int m,
      int n,
      int k,
      NativeFloats a,
      int lda,
      NativeFloats b,
      int ldb,
      NativeFloats c,
      boolean accumulate) {
    openblas.cblas_sgemm(
        openblas.CblasRowMajor,
        transA,
        transB,
        m,
        n,
        k,
        1f,
        a.pointer().position(0),
        lda,
        b.pointer().position(0),
        ldb,
        accumulate ? 1f : 0f,
        c.pointer().position(0),
        n);
  }
}
