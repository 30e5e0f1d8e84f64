package org.rankscape.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.TrialSpec;

/**
 * {@code conf/smoke.conf} with {@code --set} overrides, as the cluster tests submit it: the
 * project's MNIST copy as {@code --data} (every "machine" here sees it at the same path).
 */
record SmokeSweep(List<String> overrides) {
  static final Path HOME = Path.of(System.getProperty("rankscape.home")).toAbsolutePath();
  static final Path FILE = HOME.resolve("conf/smoke.conf");

  /** The Rankscape command line writing the sweep into {@code out}. */
  List<String> commandLine(Path out) {
    List<String> args = new ArrayList<>(List.of("sweep", FILE.toString(), "--out", out.toString()));
    try {
      args.addAll(List.of("--data", HOME.resolve("data/mnist").toRealPath().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("no MNIST in " + HOME.resolve("data/mnist"), e);
    }
    overrides.forEach(o -> args.addAll(List.of("--set", o)));
    return args;
  }

  List<TrialSpec> trials() {
    return SweepFile.read(FILE, overrides).trials();
  }
}
