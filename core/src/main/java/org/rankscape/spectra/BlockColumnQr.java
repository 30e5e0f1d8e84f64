package org.rankscape.spectra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.DoublePointer;

/**
 * The R factor of a tall A (m × n, m ≥ n) given as column panels ({@link ColumnPanelSource}), by a
 * right-looking block-column Householder QR in one JVM: the algorithm that the Spark version
 * spreads over executors (one owner per panel), run here over all panels at once.
 *
 * <p><b>Math.</b> See {@link PanelQr}: step j factors panel j's rows [s_j, m) into Q_j·R_jj and
 * applies Q_jᵀ to every panel k &gt; j; panel j's rows [0, e_j) are then R's columns [s_j, e_j). A
 * = Q·R with Q = Q_0⋯Q_{p−1} orthogonal, so R has A's singular values. With {@code threads} &gt; 1
 * the panels k &gt; j are updated in parallel, one panel per task, and the task that updates panel
 * j + 1 factors it at once (lookahead), while the others are still being updated.
 *
 * <p><b>Scale.</b> The panels are read first, checked finite, and the whole of A is scaled by 2^-e,
 * e the exponent of max |A| ({@link BinaryScale}, exact), so that the Householder norms work on
 * numbers below 2; the result carries e ({@link UpperTriangularPanels#exponent()}), and c·A gives
 * the same R times c for every power of two c.
 *
 * <p><b>Cost.</b> 2mn² − 2n³/3 flops as one {@code dgeqrf} of A, plus Σ w_j³/3 for the T factors;
 * the updates run at DGEMM speed, panel factorizations at roughly level-2 speed (O(m·n·w) flops of
 * the total). Memory: A itself in native memory (8·m·n bytes, one array per panel, freed as each
 * panel finishes), plus R (8·n²/2 bytes) and per task a work array of 8·w² bytes.
 *
 * <p><b>Floor.</b> Householder QR is backward stable: R is the exact R of A + E with ‖E‖ a modest
 * multiple of ε·‖A‖, so its singular values are those of A to about ε·σ_max, as for a direct SVD.
 *
 * <p><b>Threads.</b> Each native call uses OpenBLAS's own threads; with {@code threads} &gt; 1 run
 * with {@code OPENBLAS_NUM_THREADS=1} (as Spark executors do) so that the tasks do not compete for
 * OpenBLAS's pool.
 */
public final class BlockColumnQr {
  private BlockColumnQr() {}

  /**
   * R of A, in A's panels, scaled by 2^-e (see {@link UpperTriangularPanels}). A = 0 gives R = 0
   * with exponent 0.
   *
   * @param threads tasks updating panels at once (≥ 1)
   * @throws IllegalArgumentException if the source's shape or panels are invalid ({@link
   *     ColumnPanelSource#check}), or at A's first non-finite entry in column order, naming its row
   *     and column
   * @throws IllegalStateException if LAPACK fails, with its info code
   */
  public static UpperTriangularPanels factor(ColumnPanelSource source, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads (" + threads + ") must be ≥ 1");
    }
    int[] starts = ColumnPanelSource.check(source);
    int m = source.rows();
    int n = source.cols();
    int p = starts.length;
    int[] ends = new int[p];
    for (int j = 0; j < p; j++) {
      ends[j] = j + 1 < p ? starts[j + 1] : n;
    }
    DoublePointer[] panels = new DoublePointer[p];
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    try {
      double max = read(source, starts, ends, panels);
      int e = max > 0 ? BinaryScale.exponent(max) : 0;
      for (int j = 0; j < p; j++) {
        PanelQr.scale(panels[j], (long) m * (ends[j] - starts[j]), -e);
      }
      UpperTriangularPanels r = new UpperTriangularPanels(n, starts, e);
      try {
        double[] t = PanelQr.factor(panels[0], m, ends[0], 0);
        for (int j = 0; j < p; j++) {
          t = step(j, t, panels, starts, ends, m, pool);
          r.copyPanelFrom(j, panels[j], m, starts[j]);
          zeroBelowDiagonal(r, j);
          panels[j].close();
          panels[j] = null;
        }
        return r;
      } catch (RuntimeException | Error failure) {
        r.close();
        throw failure;
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
      for (DoublePointer panel : panels) {
        if (panel != null) {
          panel.close();
        }
      }
    }
  }

  /**
   * Reads every panel into native memory, checking it; returns max |A|.
   *
   * @throws IllegalArgumentException at the first non-finite entry
   */
  private static double read(
      ColumnPanelSource source, int[] starts, int[] ends, DoublePointer[] panels) {
    int m = source.rows();
    double max = 0;
    try (ColumnPanelSource.PanelReader reader = source.openPanels()) {
      double[] buffer = null;
      for (int j = 0; j < panels.length; j++) {
        int width = ends[j] - starts[j];
        if (buffer == null || buffer.length < m * width) {
          buffer = new double[m * width];
        }
        reader.read(j, buffer);
        double panelMax = PanelQr.maxAbsFinite(buffer, m, width, starts[j], source.transposed());
        max = Math.max(max, panelMax);
        panels[j] = new DoublePointer((long) m * width);
        panels[j].put(buffer, 0, m * width);
      }
    }
    return max;
  }

  /**
   * Applies step j (panel j, factored, with T = {@code t}) to panels k &gt; j, factoring panel j +
   * 1 right after its update; returns T of panel j + 1 (null after the last step).
   */
  private static double[] step(
      int j,
      double[] t,
      DoublePointer[] panels,
      int[] starts,
      int[] ends,
      int m,
      ExecutorService pool) {
    int p = panels.length;
    int wj = ends[j] - starts[j];
    try (DoublePointer tNative = new DoublePointer((long) wj * wj);
        PanelQr.Applier q = applier(panels[j], m, wj, starts[j], tNative, t)) {
      List<Future<double[]>> tasks = new ArrayList<>();
      double[] next = null;
      for (int k = j + 1; k < p; k++) {
        int panel = k;
        Callable<double[]> update =
            () -> {
              int width = ends[panel] - starts[panel];
              q.apply(panels[panel], m, width);
              return panel == j + 1 ? PanelQr.factor(panels[panel], m, width, starts[panel]) : null;
            };
        if (pool == null) {
          double[] result = call(update);
          next = panel == j + 1 ? result : next;
        } else {
          tasks.add(pool.submit(update));
        }
      }
      if (!tasks.isEmpty()) {
        next = awaitAll(tasks);
      }
      return next;
    }
  }

  private static PanelQr.Applier applier(
      DoublePointer panel, int m, int width, int firstRow, DoublePointer tNative, double[] t) {
    tNative.put(t, 0, width * width);
    return PanelQr.Applier.over(panel, m, width, firstRow, tNative);
  }

  /** R's panel j has the Householder vectors below its diagonal block's diagonal: zero them. */
  private static void zeroBelowDiagonal(UpperTriangularPanels r, int j) {
    DoublePointer panel = r.panel(j);
    int end = r.end(j);
    long ld = r.leadingDimension(j);
    for (int c = 0; c < r.width(j); c++) {
      int diagonal = r.start(j) + c;
      long from = c * ld + diagonal + 1;
      for (long i = from; i < c * ld + end; i++) {
        panel.put(i, 0.0);
      }
    }
  }

  private static double[] call(Callable<double[]> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits for every task, even after one fails (the others still use native panels and reflectors
   * that the caller frees), then returns the non-null result (T of the next panel) or throws the
   * first failure.
   */
  private static double[] awaitAll(List<Future<double[]>> tasks) {
    double[] next = null;
    Throwable failure = null;
    boolean interrupted = false;
    for (Future<double[]> task : tasks) {
      while (true) {
        try {
          double[] result = task.get();
          next = result != null ? result : next;
          break;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the task is still writing to native memory
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    return next;
  }
}
