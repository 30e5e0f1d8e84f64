package org.rankscape.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives the test classes of one JVM one {@link StandaloneCluster} of two Workers: started when the
 * first asks for it (a parameter of a test or lifecycle method), closed when all tests are done.
 * Starting a cluster takes 10 to 20 s on two cores; its applications are independent.
 */
public final class SharedCluster implements ParameterResolver {
  static final int WORKERS = 2;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StandaloneCluster.class;
  }

  @Override
  public StandaloneCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(SharedCluster.class))
        .getOrComputeIfAbsent(
            StandaloneCluster.class,
            k -> new Resource(StandaloneCluster.start(freshSettings(), WORKERS)),
            Resource.class)
        .cluster();
  }

  /**
   * Settings with the previous run's directory removed: each run leaves about 1 GB there (every
   * executor's copy of the application jar), and the sweeps' output directories must not exist.
   */
  private static ClusterSettings freshSettings() {
    ClusterSettings settings = ClusterSettings.fromSystemProperties("cluster");
    try (Stream<Path> old =
        Files.exists(settings.dir()) ? Files.walk(settings.dir()) : Stream.empty()) {
      for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the previous run's " + settings.dir(), e);
    }
    return settings;
  }

  /** Closes the cluster with the root context, after the JVM's last test. */
  private record Resource(StandaloneCluster cluster)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      cluster.close();
    }
  }
}
