package org.rankscape.spectra;

/** A {@link ColumnPanelSource} over a column-major array of A, in panels with the given starts. */
final class ArrayPanelSource implements ColumnPanelSource {
  private static final long serialVersionUID = 1L;
  private final double[] a;
  private final int rows;
  private final int cols;
  private final int[] starts;
  private final boolean transposed;

  ArrayPanelSource(double[] colMajor, int rows, int cols, int[] starts, boolean transposed) {
    this.a = colMajor;
    this.rows = rows;
    this.cols = cols;
    this.starts = starts.clone();
    this.transposed = transposed;
  }

  /** F (rows × cols, row-major) as its tall orientation: F itself, or Fᵀ when F is wide. */
  static ArrayPanelSource ofFeatures(double[] f, int rows, int cols, int[] starts) {
    if (rows < cols) {
      // Row-major F is column-major Fᵀ.
      return new ArrayPanelSource(f, cols, rows, starts, true);
    }
    return new ArrayPanelSource(
        PrescribedSpectra.transpose(f, rows, cols), rows, cols, starts, false);
  }

  /** The same matrix in other panels. */
  ArrayPanelSource withStarts(int[] other) {
    return new ArrayPanelSource(a, rows, cols, other, transposed);
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public boolean transposed() {
    return transposed;
  }

  @Override
  public int[] panelStarts() {
    return starts.clone();
  }

  @Override
  public PanelReader openPanels() {
    return new PanelReader() {
      @Override
      public void read(int panel, double[] colMajor) {
        int end = panel + 1 < starts.length ? starts[panel + 1] : cols;
        System.arraycopy(a, starts[panel] * rows, colMajor, 0, (end - starts[panel]) * rows);
      }

      @Override
      public void close() {}
    };
  }
}
