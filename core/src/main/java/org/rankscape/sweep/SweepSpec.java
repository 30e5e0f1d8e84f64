package org.rankscape.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A validated sweep: its name, family, the settings fixed for every trial (defaults filled in) and
 * the grid, a map from setting key to the distinct values it takes, keys in alphabetical order
 * (HOCON objects do not keep the order their keys were written in, so no other order would be
 * reproducible). Built by {@link SweepFile}; every value here has already been checked against its
 * {@link SettingDef}.
 *
 * @param checkpointEvery epochs between a trial's training checkpoints (0: none); how a sweep runs,
 *     not what it computes, so it is part of neither the trial ids nor {@link #sha256}
 */
public record SweepSpec(
    String name,
    String family,
    Map<String, Object> fixed,
    Map<String, List<Object>> grid,
    int checkpointEvery) {
  /** Checkpoint every this many epochs unless the sweep file says otherwise. */
  public static final int DEFAULT_CHECKPOINT_EVERY = 10;

  /** A sweep with the default checkpoint interval. */
  public SweepSpec(
      String name, String family, Map<String, Object> fixed, Map<String, List<Object>> grid) {
    this(name, family, fixed, grid, DEFAULT_CHECKPOINT_EVERY);
  }

  public SweepSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(family, "family");
    fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    TreeMap<String, List<Object>> g = new TreeMap<>();
    grid.forEach((k, v) -> g.put(k, List.copyOf(v)));
    grid = Collections.unmodifiableMap(g);
    if (grid.isEmpty()) {
      throw new SweepConfigException(
          "grid is empty: expected at least one setting with a list of values");
    }
    for (String key : grid.keySet()) {
      if (fixed.containsKey(key)) {
        throw new SweepConfigException(
            "setting " + key + " appears both in settings and in grid: give it in one place");
      }
    }
  }

  /**
   * The Cartesian product of the grid, each point merged with the fixed settings. Grid keys are
   * taken in alphabetical order, the first varying slowest; each key's values in the order the file
   * lists them.
   */
  public List<TrialSpec> trials() {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>(fixed));
    for (Map.Entry<String, List<Object>> axis : grid.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> point : points) {
        for (Object value : axis.getValue()) {
          Map<String, Object> p = new LinkedHashMap<>(point);
          p.put(axis.getKey(), value);
          next.add(p);
        }
      }
      points = next;
    }
    return points.stream().map(p -> new TrialSpec(family, p)).toList();
  }

  /**
   * SHA-256 of the effective definition (name, family, fixed settings and grid in canonical text):
   * two sweep files that differ only in layout, comments or defaults written out hash equal.
   */
  public String sha256() {
    String text =
        "name="
            + Canonical.render(name)
            + ";family="
            + Canonical.render(family)
            + ";fixed="
            + Canonical.render(fixed)
            + ";grid="
            + renderGrid();
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  // Value order within a grid list is part of the definition (it sets trial order), so lists are
  // not sorted.
  private String renderGrid() {
    return Canonical.render(grid);
  }
}
