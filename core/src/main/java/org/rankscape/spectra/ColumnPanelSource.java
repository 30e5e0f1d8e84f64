package org.rankscape.spectra;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A tall matrix A (m × n, m ≥ n) that can be produced in numbered column panels, any panel on any
 * machine, as often as needed: the recipe, not the values, as {@link RowBlockSource} is for row
 * blocks. Panel j holds the columns [start_j, start_{j+1}) of A, all m rows; widths may differ. For
 * a feature matrix F, A is F itself (a panel is a group of neurons, e.g. whole conv channels,
 * evaluated on all samples) or, when F is wide, Fᵀ (a panel is a range of samples); {@link
 * #transposed()} says which.
 *
 * <p>This is the input of the block-column QR ({@link BlockColumnQr} and its Spark counterpart),
 * which needs each panel whole: one panel is m·width doubles in one Java array, so m·width must
 * stay below 2³¹ ({@link #check} enforces it; 60,000 rows allow panels of up to 35,791 columns).
 *
 * <p>Serializable so that Spark can broadcast it; whatever is expensive to rebuild is built by
 * {@link #openPanels()}, once per reader, so that concurrent tasks never share mutable state.
 */
public interface ColumnPanelSource extends Serializable {

  /** m, rows of A. */
  int rows();

  /** n, columns of A (n ≤ m). */
  int cols();

  /** True when A = Fᵀ. */
  boolean transposed();

  /**
   * The first column of each panel: strictly ascending from 0, each below {@link #cols()}; panel j
   * ends where panel j + 1 starts, the last one at n. A fresh array each call.
   */
  int[] panelStarts();

  /**
   * A reader that produces panels in this thread; close it when done. (Not {@code open()}, so that
   * one class can be both this and a {@link RowBlockSource}.)
   */
  PanelReader openPanels();

  /** Produces panels; not thread-safe. */
  interface PanelReader extends AutoCloseable {
    /**
     * Writes panel {@code panel} of A column-major into {@code colMajor[0, m·width)}, leading
     * dimension m (column c of the panel, A's column start + c, at c·m).
     */
    void read(int panel, double[] colMajor);

    @Override
    void close();
  }

  /**
   * The starts of {@code source}, checked: 1 ≤ n ≤ m, starts ascending from 0 below n, and every
   * panel of m·width &lt; 2³¹ entries.
   *
   * @throws IllegalArgumentException naming the offending value
   */
  static int[] check(ColumnPanelSource source) {
    int m = source.rows();
    int n = source.cols();
    if (n < 1 || m < n) {
      throw new IllegalArgumentException(
          "a column-panel source needs 1 ≤ cols (" + n + ") ≤ rows (" + m + ")");
    }
    int[] starts = source.panelStarts();
    if (starts.length == 0 || starts[0] != 0) {
      throw new IllegalArgumentException(
          "panel starts must begin at 0, got " + Arrays.toString(starts));
    }
    for (int j = 0; j < starts.length; j++) {
      int end = j + 1 < starts.length ? starts[j + 1] : n;
      if (end <= starts[j] || end > n) {
        throw new IllegalArgumentException(
            "panel starts must ascend strictly below n (" + n + "): " + Arrays.toString(starts));
      }
      long entries = (long) m * (end - starts[j]);
      if (entries >= 1L << 31) {
        throw new IllegalArgumentException(
            "panel "
                + j
                + " is "
                + m
                + " × "
                + (end - starts[j])
                + " = "
                + entries
                + " entries; one panel must hold fewer than 2^31 (at most "
                + (Integer.MAX_VALUE / m)
                + " columns of "
                + m
                + " rows)");
      }
    }
    return starts;
  }

  /**
   * Panels of about {@code target} columns made of whole groups of {@code unit} columns (a unit is
   * one conv channel, say; 1 for free widths): ⌈n/(units per panel)⌉ panels, each but the last of
   * max(1, round(target/unit)) units, also capped so that a panel of m rows stays below 2³¹
   * entries.
   */
  static int[] startsOfUnits(int m, int n, int unit, int target) {
    if (unit < 1 || target < 1 || n % unit != 0) {
      throw new IllegalArgumentException(
          "need unit (" + unit + ") ≥ 1 dividing n (" + n + ") and target (" + target + ") ≥ 1");
    }
    int units = (int) Math.max(1, Math.round(target / (double) unit));
    units = (int) Math.max(1, Math.min(units, (Integer.MAX_VALUE / Math.max(1, m)) / unit));
    int width = units * unit;
    int[] starts = new int[(n + width - 1) / width];
    for (int j = 0; j < starts.length; j++) {
      starts[j] = j * width;
    }
    return starts;
  }
}
