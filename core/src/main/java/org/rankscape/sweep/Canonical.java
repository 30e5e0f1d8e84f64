package org.rankscape.sweep;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one text form of setting values that trial ids are hashed from. It must never change for a
 * given value, or ids of existing results stop matching: numbers use Java's own {@code toString}
 * (locale-free), strings are quoted with {@code "} and {@code \} escaped, lists are {@code [a,b]},
 * maps are sorted by key.
 */
final class Canonical {
  private Canonical() {}

  static String render(Object value) {
    if (value instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Canonical::render).collect(Collectors.joining(",", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
          .map(e -> e.getKey() + "=" + render(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    return String.valueOf(value);
  }
}
