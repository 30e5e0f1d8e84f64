package org.rankscape.bench;

import java.util.ArrayList;
import java.util.List;
import org.rankscape.spectra.RowBlockSource;
import org.rankscape.spectra.SpectrumAccumulator;
import org.rankscape.spectra.SpectrumMethod;
import org.rankscape.spectra.StreamedSpectrum;

/**
 * An {@link StreamedSpectrum.Accumulation} that times each pass of the one it wraps, so that one
 * call of {@link StreamedSpectrum#compute} yields both its total time and the part spent folding
 * blocks (broadcast, tasks, merges, result back on the driver); the rest is the driver's final
 * decomposition ({@code finish}). Under {@code auto} there may be two passes, Gram then TSQR.
 */
final class TimedAccumulation implements StreamedSpectrum.Accumulation {

  /** One pass: the accumulator kind and its wall-clock seconds. */
  record Pass(SpectrumMethod kind, double seconds) {}

  private final StreamedSpectrum.Accumulation inner;
  private final List<Pass> passes = new ArrayList<>();

  TimedAccumulation(StreamedSpectrum.Accumulation inner) {
    this.inner = inner;
  }

  @Override
  public SpectrumAccumulator accumulate(RowBlockSource source, SpectrumMethod kind) {
    long start = System.nanoTime();
    SpectrumAccumulator acc = inner.accumulate(source, kind);
    passes.add(new Pass(kind, (System.nanoTime() - start) / 1e9));
    return acc;
  }

  /** The passes so far, in order. */
  List<Pass> passes() {
    return List.copyOf(passes);
  }
}
