package org.rankscape.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.rankscape.results.Summarizer;
import org.rankscape.results.SummarySpec;
import org.rankscape.sweep.SettingDef;
import org.rankscape.sweep.SweepTables;

/**
 * The trials that share the values of some settings, drawn as one set of plots (for example one
 * activation when a sweep has several).
 *
 * @param values the shared setting values, by key, in the order the keys were given
 */
public record Facet(Map<String, Object> values, List<Map<String, Object>> trials) {

  public Facet {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    trials = List.copyOf(trials);
  }

  /** Groups {@code trials} by their values of {@code keys}; facets in ascending order of those. */
  public static List<Facet> split(List<Map<String, Object>> trials, List<String> keys) {
    Map<List<Object>, List<Map<String, Object>>> groups = new TreeMap<>(Summarizer::compareKeys);
    for (Map<String, Object> t : trials) {
      groups.computeIfAbsent(keys.stream().map(t::get).toList(), k -> new ArrayList<>()).add(t);
    }
    List<Facet> facets = new ArrayList<>();
    groups.forEach(
        (key, rows) -> {
          Map<String, Object> values = new LinkedHashMap<>();
          for (int i = 0; i < keys.size(); i++) {
            values.put(keys.get(i), key.get(i));
          }
          facets.add(new Facet(values, rows));
        });
    return facets;
  }

  /**
   * Splits the sweep's successful trials by the summary's group keys (its own, plus every setting
   * that varies, but the replicate key) other than {@code axes}, the keys the plots draw along.
   */
  public static List<Facet> besides(
      SweepData data, SummarySpec summary, List<SettingDef> settings, Collection<String> axes) {
    List<String> settingKeys = settings.stream().map(SettingDef::key).toList();
    List<String> keys =
        Summarizer.groupKeys(summary, settingKeys, data.table(SweepTables.TRIALS)).stream()
            .filter(k -> !axes.contains(k))
            .toList();
    return split(data.succeeded(), keys);
  }

  /** For titles, e.g. {@code activation = relu, samples = 6000}; empty for no keys. */
  public String label() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + " = " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /**
   * For file names: the values joined by '-', lower case, anything but letters, digits, '.' and '_'
   * replaced by '_', e.g. {@code relu-6000}.
   */
  public String slug() {
    return values.values().stream()
        .map(v -> String.valueOf(v).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]", "_"))
        .collect(Collectors.joining("-"));
  }
}
