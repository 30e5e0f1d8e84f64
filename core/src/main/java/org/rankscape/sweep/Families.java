package org.rankscape.sweep;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds experiment families by name. Families register through {@code META-INF/services}, so the
 * sweep machinery never names a concrete family and a new one needs no change here.
 */
public final class Families {
  private static final List<ExperimentFamily> ALL =
      ServiceLoader.load(ExperimentFamily.class).stream().map(ServiceLoader.Provider::get).toList();

  private Families() {}

  public static List<ExperimentFamily> all() {
    return ALL;
  }

  /**
   * @throws SweepConfigException if no family has that name; the message lists the known ones
   */
  public static ExperimentFamily byName(String name) {
    return ALL.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new SweepConfigException(
                    "sweep.family = \"" + name + "\": expected one of " + names()));
  }

  /** The names of every family, e.g. {@code [family-a, family-b]}, for messages. */
  public static String names() {
    return ALL.stream().map(ExperimentFamily::name).collect(Collectors.joining(", ", "[", "]"));
  }
}
