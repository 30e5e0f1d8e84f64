package org.rankscape.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rankscape.spectra.RankRule;
import org.rankscape.spectra.Spectrum;
import org.rankscape.spectra.SpectrumPlan;
import org.rankscape.spectra.TriangularSpectrum;

/**
 * What one run of {@link QrRankBenchmark} measured, and its rendering as markdown (for people) and
 * CSV (the same figures, one row per measured computation, for tools).
 */
record QrReport(
    QrReport.Run run,
    Machine machine,
    QrReport.Speed speed,
    List<QrReport.Exact> exact,
    List<QrReport.CostPoint> model) {

  /** |σ_min − truth| ≤ sigma_min_error + this·ε·σ_max counts as the bound holding. */
  static final double BOUND_SLACK_EPSILONS = 10;

  /**
   * How the run was set up.
   *
   * @param seconds the whole run, first warm-up to the last DGEMM
   * @param dgemmStart DGEMM reference before the measurements, all threads together, GFLOP/s
   * @param dgemmEnd the same after them
   * @param environment the OpenBLAS variables the engine's runs saw
   */
  record Run(
      Instant started,
      double seconds,
      String preset,
      String loadBefore,
      String loadAfter,
      double dgemmStart,
      double dgemmEnd,
      String dgemmShape,
      double maxHeapGib,
      String environment) {}

  /** What is known of F by construction: its ranks under both rules and its extreme σ. */
  record Truth(int rankNr, int rankNumpy, double sigmaMin, double sigmaMax) {

    /** From F's prescribed σ (descending), for a rows × cols F. */
    static Truth of(int rows, int cols, double[] sigma) {
      return new Truth(
          rank(RankRule.NUMERICAL_RECIPES, rows, cols, sigma),
          rank(RankRule.NUMPY, rows, cols, sigma),
          sigma[sigma.length - 1],
          sigma[0]);
    }

    private static int rank(RankRule rule, int rows, int cols, double[] sigma) {
      return rule.rank(sigma, rule.threshold(rows, cols, sigma[0]));
    }

    /** σ_min's error against the truth, relative; absolute (and so labelled) when σ_min is 0. */
    String sigmaMinError(double sigmaMin) {
      return sigmaMin == 0 && this.sigmaMin == 0
          ? "0"
          : this.sigmaMin == 0
              ? String.format(Locale.ROOT, "abs %.1e", Math.abs(sigmaMin))
              : String.format(
                  Locale.ROOT, "%.1e", Math.abs(sigmaMin - this.sigmaMin) / this.sigmaMin);
    }

    String sigmaMinError(Spectrum s) {
      return sigmaMinError(s.sigmaMin());
    }

    double sigmaMaxRelativeError(double sigmaMax) {
      return Math.abs(sigmaMax - this.sigmaMax) / this.sigmaMax;
    }

    /** Whether |σ_min − truth| ≤ bound + {@link #BOUND_SLACK_EPSILONS}·ε·σ_max. */
    boolean bounds(double sigmaMin, double bound) {
      return Math.abs(sigmaMin - this.sigmaMin)
          <= bound + BOUND_SLACK_EPSILONS * RankRule.EPSILON * sigmaMax;
    }
  }

  /**
   * The speed comparison on one matrix.
   *
   * @param numpy numpy's SVD, or null when it could not run ({@code numpyMissing} says why)
   */
  record Speed(
      QrRankBenchmark.Shape shape,
      Truth truth,
      Path npy,
      RankCli.Run qr,
      RankCli.Run tsqr,
      Measurement numpy,
      String numpyMissing) {

    /** numpy's SVD seconds over the QR route's own {@code seconds}; NaN without numpy. */
    double speedup() {
      return numpy == null ? Double.NaN : numpy.seconds() / qr.seconds();
    }
  }

  /** One exactness case: F's shape and prescribed spectrum, and what each side found. */
  record Exact(
      QrRankBenchmark.Shape shape,
      double ratio,
      int zeros,
      long seed,
      Truth truth,
      Spectrum qr,
      Spectrum lapack) {

    boolean ranksAgree() {
      return qr.rankNr() == truth.rankNr()
          && lapack.rankNr() == truth.rankNr()
          && qr.rankNumpy() == truth.rankNumpy()
          && lapack.rankNumpy() == truth.rankNumpy();
    }

    boolean boundHolds() {
      return truth.bounds(qr.sigmaMin(), qr.sigmaMinError());
    }

    String label() {
      return zeros > 0
          ? String.format(
              Locale.ROOT, "%s %s, %d zero σ, others to %.0e", shape.kind(), shape, zeros, ratio)
          : String.format(Locale.ROOT, "%s %s, σ_min/σ_max %.0e", shape.kind(), shape, ratio);
    }
  }

  /** One size of the cost-model check: the prediction and the measurements. */
  record CostPoint(
      QrRankBenchmark.Shape a,
      QrCostModel.Prediction predicted,
      double qrSeconds,
      Spectrum measured) {

    double ratio() {
      return measured.seconds() / predicted.seconds();
    }
  }

  // ---- markdown ----

  String markdown() {
    StringBuilder md = new StringBuilder();
    header(md);
    speedSection(md);
    exactSection(md);
    modelSection(md);
    return md.toString();
  }

  private void header(StringBuilder md) {
    String when =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC)
            .format(run.started());
    boolean quick = run.preset().equals("quick");
    line(md, "# Rank benchmark: the QR route (`rank --method qr`)");
    line(md, "");
    line(
        md,
        "Generated by `submit/bench-rank%s` on %s (%s sizes; whole run %.0f s, build excluded)."
            + " Re-run with `submit/bench-rank` (full sizes, about 8 minutes on 2 quiet cores;"
            + " rewrites `bench/results/qr-rank-benchmark.md` and `.csv`) or `submit/bench-rank"
            + " --quick` (a third of each side, a smoke check; writes"
            + " `bench/target/qr-rank-benchmark-quick.md` and `.csv`). The earlier comparison of"
            + " the accumulators with Spark MLlib is `submit/bench-rank --accumulators`. Every"
            + " figure below comes from this one run; the CSV next to this file holds the same"
            + " figures.",
        quick ? " --quick" : "",
        when,
        run.preset(),
        run.seconds());
    line(md, "");
    line(md, "## Machine");
    line(md, "");
    line(
        md,
        "- CPU: %s, %d cores; memory %s; load average (1, 5, 15 min) %s at the start (after the"
            + " script's own build), %s at the end (this run's own work included). On 2 cores"
            + " every other process shows in the timings.",
        machine.cpu(),
        machine.cores(),
        machine.memory(),
        run.loadBefore(),
        run.loadAfter());
    line(
        md,
        "- JVM: %s, -Xmx%.0fg; the engine's OpenBLAS: `%s`",
        machine.jvm(),
        run.maxHeapGib(),
        machine.openblas());
    line(
        md,
        "- Environment of the engine's runs (this JVM and the rank commands): %s.",
        run.environment());
    line(
        md,
        "- **DGEMM reference, same run**: %s: **%.1f GFLOP/s** in total before the"
            + " measurements (%.1f per core), %.1f GFLOP/s after them.",
        run.dgemmShape(),
        run.dgemmStart(),
        run.dgemmStart() / QrRankBenchmark.THREADS,
        run.dgemmEnd());
    line(md, "");
  }

  private void speedSection(StringBuilder md) {
    Speed s = speed;
    Truth t = s.truth();
    line(md, "## Speed: %s (wide), σ from 1 down to %.0e", s.shape(), QrRankBenchmark.SPEED_RATIO);
    line(md, "");
    line(
        md,
        "F = P·diag(σ)·Q (`KnownSpectrum.matrix`, seed fixed) with σ_i = (%.0e)^(i/%d): true rank"
            + " %d under both rules, σ_min %.1e, σ_max %.0f (each to within about ε·σ_max from"
            + " rounding in the construction). Saved as a float64 C-order `.npy` (%.0f MB, %s)."
            + " The rank command runs as a user runs it, in a child process: `submit/rankscape"
            + " rank FILE --method M --master '%s' --json` (*seconds* is its JSON `seconds`: from"
            + " the first block read to the singular values, JVM start-up excluded; *wall s* is"
            + " the child process from start to exit). numpy: `np.linalg.svd(a,"
            + " compute_uv=False)` in a `python3` child with `OPENBLAS_NUM_THREADS=%d`, %s"
            + " removed from its environment (as a user runs it: the OpenBLAS ones slow a current"
            + " numpy on these machines, the last is the launchers' huge-page opt-in); only"
            + " the SVD call is timed, not loading the file.",
        QrRankBenchmark.SPEED_RATIO,
        Math.min(s.shape().rows(), s.shape().cols()) - 1,
        t.rankNr(),
        t.sigmaMin(),
        t.sigmaMax(),
        8.0 * s.shape().rows() * s.shape().cols() / 1e6,
        s.npy().getFileName(),
        QrRankBenchmark.MASTER,
        QrRankBenchmark.THREADS,
        String.join(" and ", QrRankBenchmark.NUMPY_UNSET));
    line(md, "");
    line(
        md,
        "| what | seconds | wall s | rank_nr | rank_numpy | σ_min | σ_min rel. err |"
            + " sigma_min_error | σ_min by | σ_max rel. err | method |");
    line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|");
    cliRow(md, "`rank --method qr`", s.qr(), t);
    cliRow(md, "`rank --method tsqr`", s.tsqr(), t);
    if (s.numpy() != null) {
      Spectrum n = s.numpy().spectrum();
      line(
          md,
          "| numpy SVD | %.1f | — | %d%s | %d%s | %.4e | %s | — | svd | %.1e | %s |",
          n.seconds(),
          n.rankNr(),
          mark(n.rankNr() == t.rankNr()),
          n.rankNumpy(),
          mark(n.rankNumpy() == t.rankNumpy()),
          n.sigmaMin(),
          t.sigmaMinError(n),
          t.sigmaMaxRelativeError(n.sigmaMax()),
          s.numpy().note());
    }
    line(md, "");
    if (s.numpy() == null) {
      line(md, "numpy's SVD did not run: %s.", s.numpyMissing());
    } else {
      double speedup = s.speedup();
      line(
          md,
          "**numpy ÷ qr: %.2f×** (numpy's SVD %.1f s over the QR route's %.1f s; goal ≥ %.0f×: %s)."
              + " Against the qr command's whole wall time, JVM start-up and reading included:"
              + " %.2f×. tsqr ÷ qr: %.2f×.",
          speedup,
          s.numpy().seconds(),
          s.qr().seconds(),
          QrRankBenchmark.SPEEDUP_GOAL,
          speedup >= QrRankBenchmark.SPEEDUP_GOAL ? "**met**" : "**not met**",
          s.numpy().seconds() / s.qr().wallSeconds(),
          s.tsqr().seconds() / s.qr().seconds());
    }
    line(md, "");
  }

  private static void cliRow(StringBuilder md, String what, RankCli.Run r, Truth t) {
    int rankNr = Integer.parseInt(r.text("rank_nr"));
    int rankNumpy = Integer.parseInt(r.text("rank_numpy"));
    double sigmaMin = r.number("sigma_min");
    line(
        md,
        "| %s | %.1f | %.1f | %d%s | %d%s | %s | %s | %s | %s | %.1e | %s |",
        what,
        r.seconds(),
        r.wallSeconds(),
        rankNr,
        mark(rankNr == t.rankNr()),
        rankNumpy,
        mark(rankNumpy == t.rankNumpy()),
        Double.isNaN(sigmaMin) ? "below floor" : String.format(Locale.ROOT, "%.4e", sigmaMin),
        Double.isNaN(sigmaMin) ? "—" : t.sigmaMinError(sigmaMin),
        String.format(Locale.ROOT, "%.1e", r.number("sigma_min_error")),
        r.text("sigma_min_by"),
        t.sigmaMaxRelativeError(r.number("sigma_max")),
        r.text("method"));
  }

  private static String mark(boolean agrees) {
    return agrees ? "" : " MISMATCH";
  }

  private void exactSection(StringBuilder md) {
    line(md, "## Exactness against LAPACK on prescribed spectra");
    line(md, "");
    line(
        md,
        "Each F = P·diag(σ)·Q (`KnownSpectrum.matrix`, its own seed) with σ geometric from 1 down"
            + " to σ_min/σ_max (the rank-deficient case: the last values exactly 0), in process on"
            + " %d BLAS threads: *qr* is `DenseQr.spectrum` (what `rank --method qr` runs) on F's"
            + " rows, or on Fᵀ's when F is wide; *LAPACK* is `SvdSpectrum.of` (`dgesdd`, values"
            + " only) of F. The truth is the prescribed σ, exact to within about ε·σ_max (rounding"
            + " in the construction); a backward-stable SVD guarantees no better than such an"
            + " absolute error either, i.e. a relative error of σ_min up to about ε·σ_max/σ_min"
            + " (2e-4 at σ_min/σ_max = 1e-12), so the two sides' errors are to be read against"
            + " each other. *ranks* are rank_nr/rank_numpy; *bound holds*: |σ_min(qr) − σ_min| ≤"
            + " sigma_min_error + %.0f·ε·σ_max. Rank-deficient σ_min errors are absolute (the true"
            + " σ_min is 0).",
        QrRankBenchmark.THREADS,
        BOUND_SLACK_EPSILONS);
    line(md, "");
    line(
        md,
        "| F | ranks qr | ranks LAPACK | ranks truth | σ_min rel. err qr | σ_min rel. err LAPACK"
            + " | qr sigma_min_error | bound holds | σ_min by | σ_max rel. err qr | σ_max rel."
            + " err LAPACK | qr s | LAPACK s |");
    line(md, "|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|");
    int mismatches = 0;
    int failures = 0;
    for (Exact e : exact) {
      Truth t = e.truth();
      if (!e.ranksAgree()) {
        mismatches++;
      }
      if (!e.boundHolds()) {
        failures++;
      }
      line(
          md,
          "| %s | %d/%d | %d/%d | %d/%d%s | %s | %s | %.1e | %s | %s | %.1e | %.1e | %.2f | %.2f |",
          e.label(),
          e.qr().rankNr(),
          e.qr().rankNumpy(),
          e.lapack().rankNr(),
          e.lapack().rankNumpy(),
          t.rankNr(),
          t.rankNumpy(),
          e.ranksAgree() ? "" : " **MISMATCH**",
          t.sigmaMinError(e.qr()),
          t.sigmaMinError(e.lapack()),
          e.qr().sigmaMinError(),
          e.boundHolds() ? "yes" : "**NO**",
          e.qr().sigmaMinBy(),
          t.sigmaMaxRelativeError(e.qr().sigmaMax()),
          t.sigmaMaxRelativeError(e.lapack().sigmaMax()),
          e.qr().seconds(),
          e.lapack().seconds());
    }
    line(md, "");
    line(
        md,
        "%s %s",
        mismatches == 0
            ? String.format(
                Locale.ROOT,
                "Ranks: qr, LAPACK and the truth agree under both rules in all %d cases.",
                exact.size())
            : String.format(
                Locale.ROOT,
                "Ranks: **MISMATCH** in %d of %d cases (marked above).",
                mismatches,
                exact.size()),
        failures == 0
            ? "qr's sigma_min_error bounds its σ_min error in every case."
            : String.format(
                Locale.ROOT,
                "qr's sigma_min_error **fails** to bound its σ_min error in %d case(s).",
                failures));
    line(md, "");
  }

  private void modelSection(StringBuilder md) {
    double perCore = run.dgemmStart() / QrRankBenchmark.THREADS;
    line(md, "## Cost model of the QR route, checked at three sizes");
    line(md, "");
    line(
        md,
        "Model (`SpectrumPlan.qrSeconds` and `sigmaSeconds`, the plan's task-qr): QR 2·m·k² −"
            + " 2·k³/3 flops at %.2f × the per-core DGEMM rate measured at the start of this run"
            + " (%.1f GFLOP/s) × %d threads; R phase: %d block steps of %d vectors, each two passes"
            + " over R (8·k²/2 bytes) at %.0f GB/s or its flops at the QR's rate, whichever is"
            + " longer. Measured: A (m × k,"
            + " σ from 1 to %.0e, seed fixed) through `DenseQr.spectrum` in process with %d BLAS"
            + " threads (`BlasThreads.with`), its `seconds`: the gather into native memory (one"
            + " transposing copy, not in the model), `dgeqrt` and the iterations on R. *QR"
            + " alone*: one `LAPACKE_dgeqrt` (`DenseQr.householder`) of the same A in a separate call, so *rest* ≈ gather +"
            + " R phase.",
        SpectrumPlan.GEMM_FRACTION,
        perCore,
        QrRankBenchmark.THREADS,
        SpectrumPlan.SIGMA_STEPS,
        TriangularSpectrum.BLOCK,
        SpectrumPlan.NODE_BANDWIDTH / 1e9,
        QrRankBenchmark.SPEED_RATIO,
        QrRankBenchmark.THREADS);
    line(md, "");
    line(
        md,
        "| A (m × k) | QR GFLOP | predicted QR s | predicted R s | predicted s | measured s |"
            + " QR alone s | rest s | measured ÷ predicted | QR GFLOP/s | σ_min by |");
    line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (CostPoint p : model) {
      line(
          md,
          "| %s | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | **%.2f** | %.1f | %s |",
          p.a(),
          p.predicted().qrFlops() / 1e9,
          p.predicted().qrSeconds(),
          p.predicted().rSeconds(),
          p.predicted().seconds(),
          p.measured().seconds(),
          p.qrSeconds(),
          p.measured().seconds() - p.qrSeconds(),
          p.ratio(),
          p.predicted().qrFlops() / p.qrSeconds() / 1e9,
          p.measured().sigmaMinBy());
    }
    line(md, "");
  }

  // ---- CSV ----

  /** The CSV's columns, in order; a row leaves blank what does not apply to it. */
  static final List<String> CSV_COLUMNS =
      List.of(
          "section",
          "case",
          "rows",
          "cols",
          "what",
          "seconds",
          "wall_seconds",
          "rank_nr",
          "rank_numpy",
          "true_rank_nr",
          "true_rank_numpy",
          "ranks_agree",
          "sigma_min",
          "true_sigma_min",
          "sigma_min_error",
          "bound_holds",
          "sigma_min_by",
          "sigma_max",
          "true_sigma_max",
          "method",
          "gflops",
          "predicted_qr_seconds",
          "predicted_r_seconds",
          "predicted_seconds",
          "ratio",
          "note");

  String csv() {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(
        row("machine", "start", "dgemm")
            .with("gflops", run.dgemmStart())
            .with("note", run.dgemmShape()));
    Speed s = speed;
    String sc = s.shape().toString();
    rows.add(cliCsv(s.qr(), sc, s.truth(), "rank --method qr"));
    rows.add(cliCsv(s.tsqr(), sc, s.truth(), "rank --method tsqr"));
    if (s.numpy() != null) {
      rows.add(
          spectrumCsv(row("speed", sc, "numpy svd"), s.numpy().spectrum(), s.truth())
              .with("note", s.numpy().note()));
      rows.add(row("speed", sc, "numpy seconds / qr seconds").with("ratio", s.speedup()));
    }
    for (Exact e : exact) {
      rows.add(
          spectrumCsv(row("exactness", e.label(), "qr"), e.qr(), e.truth())
              .with("bound_holds", e.boundHolds())
              .with("ranks_agree", e.ranksAgree()));
      rows.add(
          spectrumCsv(row("exactness", e.label(), "lapack dgesdd"), e.lapack(), e.truth())
              .with("ranks_agree", e.ranksAgree()));
    }
    for (CostPoint p : model) {
      String c = p.a().toString();
      rows.add(
          row("cost_model", c, "DenseQr.spectrum")
              .with("rows", p.a().rows())
              .with("cols", p.a().cols())
              .with("seconds", p.measured().seconds())
              .with("sigma_min_by", p.measured().sigmaMinBy())
              .with("predicted_qr_seconds", p.predicted().qrSeconds())
              .with("predicted_r_seconds", p.predicted().rSeconds())
              .with("predicted_seconds", p.predicted().seconds())
              .with("ratio", p.ratio()));
      rows.add(
          row("cost_model", c, "qr alone")
              .with("rows", p.a().rows())
              .with("cols", p.a().cols())
              .with("seconds", p.qrSeconds())
              .with("gflops", p.predicted().qrFlops() / p.qrSeconds() / 1e9)
              .with("predicted_qr_seconds", p.predicted().qrSeconds()));
    }
    rows.add(
        row("machine", "end", "dgemm")
            .with("gflops", run.dgemmEnd())
            .with("note", run.dgemmShape()));
    StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
    for (Map<String, Object> r : rows) {
      List<String> cells = new ArrayList<>();
      for (String c : CSV_COLUMNS) {
        cells.add(cell(r.get(c)));
      }
      out.append(String.join(",", cells)).append('\n');
    }
    return out.toString();
  }

  private static Row cliCsv(RankCli.Run r, String shape, Truth t, String what) {
    return row("speed", shape, what)
        .with("seconds", r.seconds())
        .with("wall_seconds", r.wallSeconds())
        .with("rank_nr", r.text("rank_nr"))
        .with("rank_numpy", r.text("rank_numpy"))
        .with("true_rank_nr", t.rankNr())
        .with("true_rank_numpy", t.rankNumpy())
        .with("sigma_min", r.text("sigma_min"))
        .with("true_sigma_min", t.sigmaMin())
        .with("sigma_min_error", r.text("sigma_min_error"))
        .with("sigma_min_by", r.text("sigma_min_by"))
        .with("sigma_max", r.text("sigma_max"))
        .with("true_sigma_max", t.sigmaMax())
        .with("method", r.text("method"))
        .with("rows", r.text("rows"))
        .with("cols", r.text("cols"));
  }

  private static Row spectrumCsv(Row r, Spectrum s, Truth t) {
    return r.with("rows", s.rows())
        .with("cols", s.cols())
        .with("seconds", s.seconds())
        .with("rank_nr", s.rankNr())
        .with("rank_numpy", s.rankNumpy())
        .with("true_rank_nr", t.rankNr())
        .with("true_rank_numpy", t.rankNumpy())
        .with("sigma_min", s.sigmaMin())
        .with("true_sigma_min", t.sigmaMin())
        .with("sigma_min_error", s.sigmaMinError())
        .with("sigma_min_by", s.sigmaMinBy())
        .with("sigma_max", s.sigmaMax())
        .with("true_sigma_max", t.sigmaMax())
        .with("method", s.method());
  }

  /** One CSV row under construction. */
  private static final class Row extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    Row with(String column, Object value) {
      if (!CSV_COLUMNS.contains(column)) {
        throw new IllegalArgumentException("no CSV column " + column);
      }
      put(column, value);
      return this;
    }
  }

  private static Row row(String section, String what, String kind) {
    return new Row().with("section", section).with("case", what).with("what", kind);
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return Double.isNaN(d) ? "" : Double.toString(d);
    }
    String s = v.toString();
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  private static void line(StringBuilder md, String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
