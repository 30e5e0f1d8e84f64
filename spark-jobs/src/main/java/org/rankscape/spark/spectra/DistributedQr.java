package org.rankscape.spark.spectra;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.bytedeco.javacpp.DoublePointer;
import org.rankscape.data.DataFileException;
import org.rankscape.spectra.ColumnPanelSource;
import org.rankscape.spectra.PanelQr;
import org.rankscape.spectra.UpperTriangularPanels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The R factor of a tall A (m × n, m ≥ n) given as column panels ({@link ColumnPanelSource}), by a
 * block-column Householder QR spread over a Spark cluster (the 1D block-column pattern of
 * ScaLAPACK's {@code pdgeqrf}): the same steps as {@link org.rankscape.spectra.BlockColumnQr}, with
 * each panel owned by one partition.
 *
 * <p><b>Algorithm.</b> The source (a recipe of a few MB) is broadcast and each partition generates
 * its own panels on its executor, panel k going to partition k mod P (cyclic, so that every
 * partition keeps about the same share of the panels still to update as the factorization moves
 * right). A first job checks them (finite, or a {@link DataFileException}) and finds max |A|, whose
 * binary exponent e scales A by 2^-e (exact; see {@link PanelQr#scale}). Then one job per panel j:
 * every partition applies the reflectors of panel j − 1 (broadcast, see {@link PanelQr}) to its
 * panels k ≥ j, and the owner of panel j factors it right after its update (lookahead); the job
 * brings back panel j alone, whose rows [0, e_j) are R's columns [s_j, e_j) and whose rows [s_j, m)
 * with T are the reflectors the driver broadcasts for step j + 1. Only R and the reflectors reach
 * the driver, one panel at a time; A never does.
 *
 * <p><b>Lineage.</b> Each step maps its panels to new arrays (a cached panel is never modified, so
 * a re-run task cannot apply a step twice), persists them {@code MEMORY_AND_DISK} and checkpoints
 * them locally ({@code RDD.localCheckpoint()}), which cuts the lineage to one step; the previous
 * step's panels and broadcast are then dropped. Spark schedules each task where the panels it
 * updates are cached, and retries a failed task from them. If an executor is lost, its cached
 * panels are lost with it and the step's job fails (Spark cannot recompute them: their lineage ends
 * at the checkpoint, and the earlier steps' broadcasts are gone); the whole factorization is then
 * restarted from the source, up to {@code attempts} times in all (so is one whose step failed for
 * any other reason, which then fails again). The result is either right or an exception, never R of
 * a half-updated A.
 *
 * <p><b>Cost.</b> 2mn² − 2n³/3 flops (as {@code dgeqrf} of A), the updates spread over the
 * partitions at DGEMM speed; the panel factorizations, 2·m·w² flops each and about 2·m·n·w in all,
 * run one at a time (each overlapping the other partitions' updates of its step), so w ≪ n keeps
 * them a small part. One job per panel, and one broadcast of its reflectors, 8·(m − s_j)·w_j bytes
 * (245 MB for m = 60,000, w = 512): about 8·(mn − n²/2) bytes reach every executor in all, whatever
 * w, so w trades the number of jobs against the serial panel work.
 *
 * <p><b>Memory.</b> Per executor, for P partitions spread evenly: its panels, 8·m·n/P bytes, twice
 * while a step's new panels are written before the old ones are dropped (spilled to disk when they
 * do not fit), plus per task a native copy of the panel being updated (8·m·w), the broadcast V
 * (8·m·w, and its native copy) and T. On the driver: R, 8·n²/2 bytes in native memory, plus one
 * collected panel and its reflectors (3 × 8·m·w) at a time.
 *
 * <p><b>Bad input.</b> A {@link DataFileException} met while generating panels reaches the caller
 * as it is (that of the lowest panel), as in {@link DistributedSpectrum}: the task returns it in
 * place of the panel rather than failing. So does a non-finite entry, as an {@link
 * IllegalArgumentException} naming A's row and column (the first in column order).
 */
public final class DistributedQr {
  /** The {@link org.rankscape.spectra.Spectrum#method()} of spectra from R factored here. */
  public static final String METHOD = "block-qr-dgeqrf-dlarfb-lanczos";

  private static final Logger LOG = LoggerFactory.getLogger(DistributedQr.class);

  /** Factorizations started in all, the first included, when executors are lost. */
  public static final int DEFAULT_ATTEMPTS = 2;

  private DistributedQr() {}

  /** As {@link #factor(JavaSparkContext, ColumnPanelSource, int, int)} with two attempts. */
  public static UpperTriangularPanels factor(
      JavaSparkContext jsc, ColumnPanelSource source, int partitions) {
    return factor(jsc, source, partitions, DEFAULT_ATTEMPTS);
  }

  /**
   * R of A, in A's panels, scaled by 2^-e (see {@link UpperTriangularPanels}); A = 0 gives R = 0.
   *
   * @param partitions panel owners (≥ 1; at most one per panel is used)
   * @param attempts factorizations started at most (≥ 1), restarting after a lost executor
   * @throws IllegalArgumentException if the source's shape or panels are invalid ({@link
   *     ColumnPanelSource#check}), or at A's first non-finite entry, naming its row and column
   * @throws DataFileException as thrown by the source's reader, unwrapped
   */
  public static UpperTriangularPanels factor(
      JavaSparkContext jsc, ColumnPanelSource source, int partitions, int attempts) {
    return factor(jsc, source, partitions, attempts, (step, panels) -> {});
  }

  /** Called on the driver after each step with the step's panels (tests lose them on purpose). */
  interface AfterStep {
    void after(int step, JavaRDD<?> panels);
  }

  static UpperTriangularPanels factor(
      JavaSparkContext jsc,
      ColumnPanelSource source,
      int partitions,
      int attempts,
      AfterStep afterStep) {
    if (partitions < 1 || attempts < 1) {
      throw new IllegalArgumentException(
          "partitions (" + partitions + ") and attempts (" + attempts + ") must be ≥ 1");
    }
    int[] starts = ColumnPanelSource.check(source);
    for (int attempt = 1; ; attempt++) {
      try {
        return new Run(jsc, source, starts, Math.min(partitions, starts.length), afterStep)
            .factor();
      } catch (RuntimeException e) {
        if (!(e instanceof LostPanels) || attempt >= attempts) {
          throw e instanceof LostPanels lost ? lost.failure() : e;
        }
        LOG.warn(
            "block-column QR of a {} × {} matrix failed at step {} of {} ({}); restarting it,"
                + " attempt {} of {}",
            source.rows(),
            source.cols(),
            ((LostPanels) e).step,
            starts.length,
            e.getCause().getMessage(),
            attempt + 1,
            attempts);
      }
    }
  }

  /** One factorization: the RDDs, broadcasts and R of one attempt. */
  private static final class Run {
    private final JavaSparkContext jsc;
    private final ColumnPanelSource source;
    private final int[] starts;
    private final int partitions;
    private final int m;
    private final int n;
    private final List<JavaRDD<Panel>> live = new ArrayList<>();
    private final List<Broadcast<?>> shared = new ArrayList<>();
    private final AfterStep afterStep;

    Run(
        JavaSparkContext jsc,
        ColumnPanelSource source,
        int[] starts,
        int partitions,
        AfterStep afterStep) {
      this.jsc = jsc;
      this.afterStep = afterStep;
      this.source = source;
      this.starts = starts;
      this.partitions = partitions;
      this.m = source.rows();
      this.n = source.cols();
    }

    UpperTriangularPanels factor() {
      try {
        JavaRDD<Panel> panels = generate();
        int e = checkedExponent(panels);
        UpperTriangularPanels r = new UpperTriangularPanels(n, starts, e);
        try {
          Broadcast<PanelQr.Reflectors> previous = null;
          for (int j = 0; j < starts.length; j++) {
            Step step = new Step(previous, j == 0 ? -e : 0, j, m);
            JavaRDD<Panel> next = keep(panels.mapPartitions(step));
            Panel factored = collect(next, j);
            // next is checkpointed: its tasks read the cache, never the step, whose broadcast goes.
            step.forget();
            drop(panels, previous);
            panels = next;
            copyR(r, j, factored);
            afterStep.after(j, next);
            previous =
                j + 1 < starts.length
                    ? share(
                        PanelQr.Reflectors.ofFactored(
                            factored.data(), m, factored.width(), factored.start(), factored.t()))
                    : null;
          }
          return r;
        } catch (RuntimeException | Error failure) {
          r.close();
          throw failure;
        }
      } finally {
        for (JavaRDD<Panel> rdd : live) {
          rdd.unpersist(false);
        }
        for (Broadcast<?> b : shared) {
          b.destroy();
        }
      }
    }

    /** The panels as read, checked, in partitions of indices k ≡ p (mod P). */
    private JavaRDD<Panel> generate() {
      List<List<Integer>> owned = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        owned.add(new ArrayList<>());
      }
      for (int k = 0; k < starts.length; k++) {
        owned.get(k % partitions).add(k);
      }
      Broadcast<ColumnPanelSource> recipe = share(source);
      // One list per partition: parallelize puts exactly one element in each of owned.size()
      // slices.
      return keep(jsc.parallelize(owned, owned.size()).mapPartitions(readPanels(recipe, starts)));
    }

    /** e with max |A|·2^-e in [1, 2) (0 for A = 0), after checking every panel. */
    private int checkedExponent(JavaRDD<Panel> panels) {
      // Spark re-reads the panels of a lost executor from the source itself: no restart here.
      Check check = panels.map(Check::of).reduce(Check::merge);
      check.throwIfFailed();
      return check.maxAbs > 0 ? PanelQr.exponent(check.maxAbs) : 0;
    }

    /** Runs the step's job, which materialises every partition of {@code next}; returns panel j. */
    private Panel collect(JavaRDD<Panel> next, int j) {
      List<Panel> found = run(j, () -> next.filter(p -> p.index() == j).collect());
      if (found.size() != 1 || found.get(0).t() == null) {
        throw new IllegalStateException(
            "step " + j + " returned " + found.size() + " factored panels, expected 1");
      }
      return found.get(0);
    }

    private void copyR(UpperTriangularPanels r, int j, Panel factored) {
      DoublePointer target = r.panel(j);
      int end = r.end(j);
      long ld = r.leadingDimension(j);
      for (int c = 0; c < factored.width(); c++) {
        int diagonal = factored.start() + c;
        // Rows [0, diagonal] of the column; below it within the panel's rows: the reflectors.
        target.getPointer(c * ld).put(factored.data(), c * m, diagonal + 1);
        for (int i = diagonal + 1; i < end; i++) {
          target.put(c * ld + i, 0.0);
        }
      }
    }

    private JavaRDD<Panel> keep(JavaRDD<Panel> rdd) {
      rdd.persist(StorageLevel.MEMORY_AND_DISK());
      rdd.rdd().localCheckpoint();
      live.add(rdd);
      return rdd;
    }

    private void drop(JavaRDD<Panel> rdd, Broadcast<?> b) {
      rdd.unpersist(false);
      live.remove(rdd);
      if (b != null) {
        b.destroy();
        shared.remove(b);
      }
    }

    private <T> Broadcast<T> share(T value) {
      Broadcast<T> b = jsc.broadcast(value);
      shared.add(b);
      return b;
    }

    /** Runs a job of step j; a Spark failure (lost panels, a failed task) becomes LostPanels. */
    private static <T> T run(int step, Supplier<T> job) {
      try {
        return job.get();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) { // Scala throws SparkException, a checked exception, undeclared.
        if (e instanceof SparkException spark) {
          throw new LostPanels(step, spark);
        }
        throw new IllegalStateException(e);
      }
    }
  }

  /** A step's job failed in Spark: restart the factorization if attempts remain. */
  private static final class LostPanels extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int step;

    LostPanels(int step, SparkException cause) {
      super(cause);
      this.step = step;
    }

    /** The exception to throw when no attempt is left. */
    RuntimeException failure() {
      return new IllegalStateException(
          "block-column QR failed at step " + step + ": " + getCause().getMessage(), getCause());
    }
  }

  /**
   * One panel of A, m × width column-major: as read (t null), or with panel {@code index} factored
   * in its step (t: the T of its reflectors). A panel that could not be read carries the failure
   * instead of data.
   */
  private record Panel(
      int index,
      int start,
      int width,
      double[] data,
      double[] t,
      double maxAbs,
      String nonFinite,
      DataFileException failure)
      implements Serializable {
    static Panel read(int index, int start, int width, double[] data, double maxAbs) {
      return new Panel(index, start, width, data, null, maxAbs, null, null);
    }

    static Panel updated(Panel from, double[] data, double[] t) {
      return new Panel(from.index, from.start, from.width, data, t, 0, null, null);
    }
  }

  // A static factory, so that the function captures only the broadcast and the starts.
  private static FlatMapFunction<Iterator<List<Integer>>, Panel> readPanels(
      Broadcast<ColumnPanelSource> recipe, int[] starts) {
    return owned -> {
      ColumnPanelSource source = recipe.value();
      int m = source.rows();
      List<Panel> out = new ArrayList<>();
      List<Integer> indices = new ArrayList<>();
      owned.forEachRemaining(indices::addAll);
      if (indices.isEmpty()) {
        return out.iterator();
      }
      int index = indices.get(0);
      try (ColumnPanelSource.PanelReader reader = source.openPanels()) {
        for (int k : indices) {
          index = k;
          int end = k + 1 < starts.length ? starts[k + 1] : source.cols();
          int width = end - starts[k];
          double[] data = new double[m * width];
          reader.read(k, data);
          double max;
          try {
            max = PanelQr.maxAbsFinite(data, m, width, starts[k], source.transposed());
          } catch (IllegalArgumentException nonFinite) {
            out.add(new Panel(k, starts[k], width, null, null, 0, nonFinite.getMessage(), null));
            return out.iterator();
          }
          out.add(Panel.read(k, starts[k], width, data, max));
        }
      } catch (DataFileException e) {
        out.add(new Panel(index, starts[index], 0, null, null, 0, null, e));
      }
      return out.iterator();
    };
  }

  /**
   * Step j on a partition's panels: drop panel j − 1 (final), apply the broadcast reflectors of
   * panel j − 1 (none at j = 0, where A is scaled by 2^scale instead) to the others, and factor
   * panel j after its update. Every panel comes out in a new array.
   */
  private static final class Step implements FlatMapFunction<Iterator<Panel>, Panel> {
    private static final long serialVersionUID = 1L;
    // Later tasks serialize this step's RDD as the parent of theirs, though they only read its
    // checkpoint: forget() lets the broadcast be destroyed without breaking that serialization.
    private Broadcast<PanelQr.Reflectors> reflectors;
    private final int scale;
    private final int j;
    private final int m;

    private final boolean applies;

    Step(Broadcast<PanelQr.Reflectors> reflectors, int scale, int j, int m) {
      this.reflectors = reflectors;
      this.applies = reflectors != null;
      this.scale = scale;
      this.j = j;
      this.m = m;
    }

    /** Drops the broadcast, once this step's panels are checkpointed and will not be recomputed. */
    void forget() {
      reflectors = null;
    }

    @Override
    public Iterator<Panel> call(Iterator<Panel> panels) {
      if (applies && reflectors == null) {
        throw new IllegalStateException(
            "step " + j + " was asked to recompute panels after its checkpoint was lost");
      }
      List<Panel> out = new ArrayList<>();
      PanelQr.Applier q = applies ? PanelQr.Applier.of(reflectors.value()) : null;
      try {
        while (panels.hasNext()) {
          Panel p = panels.next();
          if (p.index() < j) {
            continue;
          }
          try (DoublePointer a = new DoublePointer((long) m * p.width())) {
            a.put(p.data(), 0, m * p.width());
            if (scale != 0) {
              PanelQr.scale(a, (long) m * p.width(), scale);
            }
            if (q != null) {
              q.apply(a, m, p.width());
            }
            double[] t = p.index() == j ? PanelQr.factor(a, m, p.width(), p.start()) : null;
            double[] data = new double[m * p.width()];
            a.get(data);
            out.add(Panel.updated(p, data, t));
          }
        }
      } finally {
        if (q != null) {
          q.close();
        }
      }
      return out.iterator();
    }
  }

  /** What the first job learns of A: max |A| and the first problem (lowest panel) if any. */
  private record Check(double maxAbs, int problemPanel, String nonFinite, DataFileException failure)
      implements Serializable {
    static Check of(Panel p) {
      boolean bad = p.nonFinite() != null || p.failure() != null;
      return new Check(p.maxAbs(), bad ? p.index() : Integer.MAX_VALUE, p.nonFinite(), p.failure());
    }

    Check merge(Check other) {
      Check first = other.problemPanel < problemPanel ? other : this;
      return new Check(
          Math.max(maxAbs, other.maxAbs), first.problemPanel, first.nonFinite, first.failure);
    }

    void throwIfFailed() {
      if (failure != null) {
        throw failure;
      }
      if (nonFinite != null) {
        throw new IllegalArgumentException(nonFinite);
      }
    }
  }
}
