package org.rankscape.results;

import static org.rankscape.results.ColumnType.BOOLEAN;
import static org.rankscape.results.ColumnType.DOUBLE;
import static org.rankscape.results.ColumnType.INT;
import static org.rankscape.results.ColumnType.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rankscape.spectra.Spectrum;

/**
 * The columns a {@link Spectrum} fills in a result row, declared once for every family that
 * measures spectra, and the one place that turns a spectrum into those values (whether it was
 * computed inside a trial's task or across the cluster afterwards).
 */
public final class SpectrumColumns {
  /** {@code where_computed} of a spectrum accumulated inside its trial's task. */
  public static final String IN_TASK = "task";

  /** {@code where_computed} of a spectrum accumulated across the cluster. */
  public static final String ON_CLUSTER = "cluster";

  public static final String SIGMA_MIN_ERROR = "sigma_min_error";

  public static final String SIGMA_MIN_BY = "sigma_min_by";

  public static final List<Column> COLUMNS =
      List.of(
          Column.required("rows", INT, "rows of F_k: N training images"),
          Column.required("cols", INT, "columns of F_k: n_k neurons"),
          Column.required("wide", BOOLEAN, "n_k >= N"),
          Column.required(
              "rank_nr", INT, "numerical rank, Numerical Recipes rule: σ > ½·√(m+n+1)·σ_max·ε"),
          Column.required("rank_numpy", INT, "numerical rank, numpy rule: σ > σ_max·max(m,n)·ε"),
          Column.required("full_rank", BOOLEAN, "rank_nr = min(rows, cols)"),
          Column.required(
              "rank_exact",
              BOOLEAN,
              "the method resolved every σ the rank rules compare (floor <= threshold_nr, or"
                  + " sigma_min above the floor); if false, rank_nr and rank_numpy are lower"
                  + " bounds"),
          Column.required("threshold_nr", DOUBLE, "τ of the Numerical Recipes rule"),
          Column.required("threshold_numpy", DOUBLE, "τ of the numpy rule"),
          Column.nullable(
              "sigma_min",
              DOUBLE,
              "smallest of the min(rows, cols) singular values; null when below the floor"),
          Column.required("sigma_max", DOUBLE, "largest singular value"),
          Column.required("floor", DOUBLE, "smallest singular value the method resolves"),
          Column.required(
              "sigma_min_resolved", BOOLEAN, "sigma_min > floor (false: σ_min is below the floor)"),
          Column.required(
              SIGMA_MIN_ERROR,
              DOUBLE,
              "bound on the error of sigma_min: the floor for an SVD; for block-lanczos-inverse, the"
                  + " Ritz value's residual bound plus the floor"),
          Column.required(
              SIGMA_MIN_BY,
              STRING,
              "how σ_min was obtained: svd, gram-eigenvalues, or block-lanczos-inverse (iteration"
                  + " on R⁻¹R⁻ᵀ with triangular solves; every σ then certified above both rank"
                  + " thresholds)"),
          Column.required(
              "method",
              STRING,
              "how the singular values were computed: svd-lapack-dgesdd, gram-dsyrk-dsyevd,"
                  + " tsqr-dtpqrt-dgesdd, or a QR route (qr-…) that gives R"),
          Column.required(
              "where_computed", STRING, "task (inside the trial's task) or cluster (accumulated)"),
          Column.required(
              "precision", STRING, "floating-point precision of features and decomposition"),
          Column.required(
              "seconds", DOUBLE, "seconds for features and decomposition (every pass under auto)"));

  private SpectrumColumns() {}

  /** The values of {@link #COLUMNS} for {@code s}, computed where {@code whereComputed} says. */
  public static Map<String, Object> values(Spectrum s, String whereComputed) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("rows", s.rows());
    row.put("cols", s.cols());
    row.put("wide", s.cols() >= s.rows());
    row.put("rank_nr", s.rankNr());
    row.put("rank_numpy", s.rankNumpy());
    row.put("full_rank", s.rankNr() == Math.min(s.rows(), s.cols()));
    row.put("rank_exact", s.floor() <= s.thresholdNr() || s.sigmaMinResolved());
    row.put("threshold_nr", s.thresholdNr());
    row.put("threshold_numpy", s.thresholdNumpy());
    row.put("sigma_min", s.sigmaMinResolved() ? s.sigmaMin() : null);
    row.put("sigma_max", s.sigmaMax());
    row.put("floor", s.floor());
    row.put("sigma_min_resolved", s.sigmaMinResolved());
    row.put(SIGMA_MIN_ERROR, s.sigmaMinError());
    row.put(SIGMA_MIN_BY, s.sigmaMinBy());
    row.put("method", s.method());
    row.put("where_computed", whereComputed);
    row.put("precision", "float64");
    row.put("seconds", s.seconds());
    return row;
  }
}
