package org.rankscape.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.rankscape.results.Column;
import org.rankscape.results.Summarizer;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.SettingDef;
import org.rankscape.sweep.SweepTables;

/**
 * What a report says about how a sweep was run, read from its trials table alone: the values each
 * setting took, and the provenance of the trials (code, versions, hosts, times).
 *
 * <p>A column's values are listed sorted when there are at most {@value #LISTED} distinct ones;
 * beyond that (per-trial timings, start times, many hosts) only the smallest and largest and how
 * many there are. Doubles show at most {@value #DIGITS} significant digits.
 */
final class SweepFacts {
  static final int LISTED = 4;
  static final int DIGITS = 6;

  private SweepFacts() {}

  /** Rows of (setting, values taken, meaning), in the family's order of settings. */
  static List<List<String>> settings(ExperimentFamily family, List<Map<String, Object>> trials) {
    List<List<String>> rows = new ArrayList<>();
    for (SettingDef d : family.settings()) {
      rows.add(List.of(d.key(), values(trials, d.key()), d.description()));
    }
    return rows;
  }

  /** Rows of (what, value): the sweep, its trial counts and every provenance column. */
  static List<List<String>> provenance(ExperimentFamily family, List<Map<String, Object>> trials) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(SweepTables.SWEEP, values(trials, SweepTables.SWEEP)));
    rows.add(List.of(SweepTables.FAMILY, values(trials, SweepTables.FAMILY)));
    rows.add(List.of("trials by status", statusCounts(trials)));
    for (Column c : SweepTables.provenanceColumns(family)) {
      rows.add(List.of(c.name(), values(trials, c.name())));
    }
    return rows;
  }

  /** The sorted distinct values of {@code column}, or their range when there are many. */
  static String values(List<Map<String, Object>> trials, String column) {
    List<String> distinct =
        trials.stream()
            .map(t -> t.get(column))
            .distinct()
            .sorted(Summarizer::compareValues)
            .map(SweepFacts::text)
            .distinct()
            .toList();
    if (distinct.size() <= LISTED) {
      return String.join(", ", distinct);
    }
    return distinct.get(0)
        + " … "
        + distinct.get(distinct.size() - 1)
        + " ("
        + distinct.size()
        + " values)";
  }

  private static String statusCounts(List<Map<String, Object>> trials) {
    return trials.stream()
        .collect(
            Collectors.groupingBy(
                t -> String.valueOf(t.get(SweepTables.STATUS)),
                TreeMap::new,
                Collectors.counting()))
        .entrySet()
        .stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private static String text(Object value) {
    if (value instanceof Double d && Double.isFinite(d)) {
      return BigDecimal.valueOf(d)
          .round(new MathContext(DIGITS))
          .stripTrailingZeros()
          .toPlainString();
    }
    return Objects.toString(value, "–");
  }
}
