package org.rankscape.spectra;

import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The largest eigenvalues of a symmetric positive semidefinite operator M of order n, given only
 * as "x ← M·x" on blocks of vectors, with a-posteriori error bounds, in double precision.
 *
 * <p><b>Method.</b> Block Krylov subspace iteration with full reorthogonalization and thick
 * restarts (block Lanczos written as block Davidson without preconditioner): the basis Q starts as
 * a seeded random block of b vectors; each step appends the residuals of the current top b Ritz
 * vectors, orthogonalized twice against Q (classical Gram–Schmidt, twice is enough), applies M to
 * them and solves the projected problem H = QᵀMQ (order ≤ {@link #MAX_BASIS}) with LAPACK's
 * {@code dsyevd}. When the basis is full it is shrunk to its top {@link #KEPT} Ritz vectors. Blocks
 * rather than single vectors are what keeps the iteration right for tight clusters: a block of b
 * vectors resolves up to b nearly equal eigenvalues at the rate of the gap to the (b+1)-th, where a
 * single vector would stall on the cluster's spread.
 *
 * <p><b>Bounds.</b> For a Ritz value θ with unit Ritz vector y and residual ρ = ‖My − θy‖, M has an
 * eigenvalue in [θ − ρ, θ + ρ] (Bauer–Fike for symmetric M); and by interlacing (Cauchy), θ_i ≤
 * λ_i for the i-th largest of each. So λ_max ∈ [θ_1, θ_1 + ρ_1] as long as the largest eigenvalue
 * is the one near θ_1 — which fails only if the random start is nearly orthogonal to its
 * eigenvector, an event of probability below 10⁻¹⁰ for the block sizes used here (Kuczyński and
 * Woźniakowski 1992 bound it for one vector; a block of b independent ones multiplies it in).
 *
 * <p><b>Cost</b> per step: b applications of M, plus O(n·basis·b) flops of orthogonalization and
 * O(basis³) for the projected problem. Memory: Q and MQ, 2·8·n·{@link #MAX_BASIS} bytes native.
 */
final class BlockLanczos implements AutoCloseable {

  /** x ← M·x for an n × k column-major block (leading dimension n). */
  @FunctionalInterface
  interface Operator {
    void apply(DoublePointer x, int k);
  }

  /** Top Ritz values (descending) with their residual norms, after {@code steps} steps. */
  record Ritz(double[] values, double[] residuals, int steps) {
    /** θ_1 + ρ_1: an upper bound on the largest eigenvalue (see the class doc). */
    double upperBound() {
      return values[0] + residuals[0];
    }

    /** ρ_1/θ_1, the relative error bound of the largest Ritz value. */
    double relativeBound() {
      return residuals[0] / values[0];
    }
  }

  /**
   * Vectors per block at most. Clusters wider than a block still converge, more slowly, and the
   * bounds hold regardless; 16 was the fastest of 4, 8, 16 and 24 to both bounds on the 6000 × 6760
   * benchmark matrix (1.8 s against 2.3 s for 24), where the whole spectrum is one tight cluster.
   */
  static final int BLOCK = 16;

  /** Basis vectors held before a restart. */
  static final int MAX_BASIS = 8 * BLOCK;

  /** Ritz vectors kept at a restart. */
  static final int KEPT = 3 * BLOCK;

  /** A column whose norm falls below this fraction under orthogonalization is replaced. */
  private static final double COLLAPSED = 1e-8;

  private final Operator op;
  private final int n;
  private final int block;
  private final Random random;
  private final DoublePointer q;
  private final DoublePointer mq;
  // Work blocks kept for the whole run: fresh native memory costs a page fault per 4 KB.
  private DoublePointer next;
  private DoublePointer spare;
  private final DoublePointer qz;
  private final double[] h = new double[MAX_BASIS * MAX_BASIS];
  private int basis;

  /**
   * An iteration for M of order n, with blocks of min(n, {@code block}) vectors (at most {@link
   * #BLOCK}) from a seeded start.
   */
  BlockLanczos(Operator op, int n, int block, long seed) {
    this.op = op;
    this.n = n;
    this.block = Math.min(n, Math.min(block, BLOCK));
    this.random = new Random(seed);
    int capacity = Math.min(n, MAX_BASIS);
    this.q = new DoublePointer((long) n * capacity);
    this.mq = new DoublePointer((long) n * capacity);
    this.next = new DoublePointer((long) n * this.block);
    this.spare = new DoublePointer((long) n * this.block);
    this.qz = new DoublePointer((long) n * this.block);
  }

  /**
   * Runs until {@code done} accepts the Ritz values, the basis spans the whole space (then the
   * values are exact up to rounding), or {@code maxSteps} steps have run. Returns the top Ritz
   * values either way; the caller judges the bound.
   */
  Ritz largest(java.util.function.Predicate<Ritz> done, int maxSteps) {
    randomBlock(next);
    Ritz ritz = null;
    for (int step = 1; step <= maxSteps; step++) {
      int added = orthonormalize(next);
      append(next, added);
      double[][] pairs = rayleighRitz();
      DoublePointer used = next;
      next = spare;
      spare = used;
      ritz = residuals(pairs[0], pairs[1], next, step);
      if (done.test(ritz) || basis == n) {
        break;
      }
      if (basis + block > Math.min(n, MAX_BASIS)) {
        restart(pairs[0], pairs[1]);
      }
    }
    return ritz;
  }

  @Override
  public void close() {
    for (DoublePointer p : new DoublePointer[] {q, mq, next, spare, qz}) {
      p.close();
    }
  }

  private void randomBlock(DoublePointer x) {
    double[] column = new double[n];
    for (int c = 0; c < block; c++) {
      fillRandom(column);
      x.position((long) c * n).put(column, 0, n);
    }
    x.position(0);
  }

  private void fillRandom(double[] column) {
    for (int i = 0; i < column.length; i++) {
      column[i] = random.nextGaussian();
    }
  }

  /**
   * Makes the block orthonormal and orthogonal to the basis; columns that vanish (converged
   * residuals) are replaced by random ones. Returns how many columns to use (fewer only when the
   * basis is about to span everything).
   */
  private int orthonormalize(DoublePointer x) {
    int room = Math.min(block, n - basis);
    double[] before = norms(x, room);
    project(x, room);
    project(x, room);
    double[] after = norms(x, room);
    double[] column = new double[n];
    for (int c = 0; c < room; c++) {
      if (!(after[c] > COLLAPSED * before[c])) {
        fillRandom(column);
        x.position((long) c * n).put(column, 0, n);
        x.position(0);
      }
    }
    project(x, room);
    project(x, room);
    try (DoublePointer tau = new DoublePointer(room)) {
      Lapack.check(
          "LAPACKE_dgeqrf",
          openblas.LAPACKE_dgeqrf(openblas.LAPACK_COL_MAJOR, n, room, x, n, tau),
          n,
          room);
      Lapack.check(
          "LAPACKE_dorgqr",
          openblas.LAPACKE_dorgqr(openblas.LAPACK_COL_MAJOR, n, room, room, x, n, tau),
          n,
          room);
    }
    return room;
  }

  /** x ← x − Q·(Qᵀx), over the current basis. */
  private void project(DoublePointer x, int k) {
    if (basis == 0) {
      return;
    }
    try (DoublePointer c = new DoublePointer((long) basis * k)) {
      gemm(openblas.CblasTrans, basis, k, n, 1.0, q, x, 0.0, c, basis);
      openblas.cblas_dgemm(
          openblas.CblasColMajor,
          openblas.CblasNoTrans,
          openblas.CblasNoTrans,
          n,
          k,
          basis,
          -1.0,
          q,
          n,
          c,
          basis,
          1.0,
          x,
          n);
    }
  }

  private double[] norms(DoublePointer x, int k) {
    double[] norms = new double[k];
    for (int c = 0; c < k; c++) {
      norms[c] = openblas.cblas_dnrm2(n, x.getPointer((long) c * n), 1);
    }
    return norms;
  }

  /** Adds k orthonormal columns to Q, M times them to MQ, and their entries to H = QᵀMQ. */
  private void append(DoublePointer x, int k) {
    long offset = (long) basis * n;
    DoublePointer.memcpy(q.getPointer(offset), x, (long) n * k * Double.BYTES);
    DoublePointer mx = mq.getPointer(offset);
    DoublePointer.memcpy(mx, x, (long) n * k * Double.BYTES);
    op.apply(mx, k);
    int size = basis + k;
    try (DoublePointer cross = new DoublePointer((long) size * k)) {
      gemm(openblas.CblasTrans, size, k, n, 1.0, q, mx, 0.0, cross, size);
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < size; i++) {
          double v = cross.get((long) c * size + i);
          int col = basis + c;
          if (i >= basis && i > col) {
            continue; // the new diagonal block: set from its upper triangle, symmetrically
          }
          h[col * MAX_BASIS + i] = v;
          h[i * MAX_BASIS + col] = v;
        }
      }
    }
    basis = size;
  }

  /** Eigenvalues (descending) and eigenvectors (basis × basis, column-major) of H. */
  private double[][] rayleighRitz() {
    double[] copy = new double[basis * basis];
    for (int c = 0; c < basis; c++) {
      System.arraycopy(h, c * MAX_BASIS, copy, c * basis, basis);
    }
    double[] ascending = new double[basis];
    try (DoublePointer a = new DoublePointer(copy);
        DoublePointer w = new DoublePointer(basis)) {
      Lapack.check(
          "LAPACKE_dsyevd",
          openblas.LAPACKE_dsyevd(openblas.LAPACK_COL_MAJOR, (byte) 'V', (byte) 'U', basis, a, basis, w),
          basis,
          basis);
      w.get(ascending);
      a.get(copy);
    }
    double[] values = new double[basis];
    double[] vectors = new double[basis * basis];
    for (int i = 0; i < basis; i++) {
      values[i] = ascending[basis - 1 - i];
      System.arraycopy(copy, (basis - 1 - i) * basis, vectors, i * basis, basis);
    }
    return new double[][] {values, vectors};
  }

  /**
   * The residuals M·y − θ·y of the top block of Ritz pairs, written to {@code into}, and the
   * Ritz values with their residual norms.
   */
  private Ritz residuals(double[] values, double[] vectors, DoublePointer into, int step) {
    int top = Math.min(block, basis);
    double[] residuals = new double[top];
    try (DoublePointer z = new DoublePointer(vectors).capacity((long) basis * top)) {
      gemm(openblas.CblasNoTrans, n, top, basis, 1.0, mq, z, 0.0, into, n);
      gemm(openblas.CblasNoTrans, n, top, basis, 1.0, q, z, 0.0, qz, n);
      for (int c = 0; c < top; c++) {
        DoublePointer r = into.getPointer((long) c * n);
        openblas.cblas_daxpy(n, -values[c], qz.getPointer((long) c * n), 1, r, 1);
        residuals[c] = openblas.cblas_dnrm2(n, r, 1);
      }
    }
    double[] shown = new double[top];
    System.arraycopy(values, 0, shown, 0, top);
    return new Ritz(shown, residuals, step);
  }

  /** Shrinks the basis to its top KEPT Ritz vectors: Q ← Q·Z, MQ ← MQ·Z, H ← diag(θ). */
  private void restart(double[] values, double[] vectors) {
    int kept = Math.min(KEPT, basis);
    try (DoublePointer z = new DoublePointer(vectors).capacity((long) basis * kept);
        DoublePointer shrunk = new DoublePointer((long) n * kept)) {
      for (DoublePointer v : new DoublePointer[] {q, mq}) {
        gemm(openblas.CblasNoTrans, n, kept, basis, 1.0, v, z, 0.0, shrunk, n);
        DoublePointer.memcpy(v, shrunk, (long) n * kept * Double.BYTES);
      }
    }
    java.util.Arrays.fill(h, 0.0);
    for (int i = 0; i < kept; i++) {
      h[i * MAX_BASIS + i] = values[i];
    }
    basis = kept;
  }

  /** c ← alpha·op(a)·b + beta·c, a with leading dimension n unless transposed (then also n). */
  private void gemm(
      int transA,
      int m,
      int k,
      int inner,
      double alpha,
      DoublePointer a,
      DoublePointer b,
      double beta,
      DoublePointer c,
      int ldc) {
    int ldb = transA == openblas.CblasTrans ? n : inner;
    openblas.cblas_dgemm(
        openblas.CblasColMajor,
        transA,
        openblas.CblasNoTrans,
        m,
        k,
        inner,
        alpha,
        a,
        n,
        b,
        ldb,
        beta,
        c,
        ldc);
  }
}
