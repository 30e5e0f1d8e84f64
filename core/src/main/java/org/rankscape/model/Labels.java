package org.rankscape.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The lower-case names under which enum constants appear in sweep files and tables. */
final class Labels {
  private Labels() {}

  static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Labels::of).toList();
  }

  /**
   * @throws IllegalArgumentException if no constant has that label (sweep validation rules this out
   *     first)
   */
  static <E extends Enum<E>> E parse(Class<E> type, String label) {
    return Enum.valueOf(type, label.toUpperCase(Locale.ROOT));
  }
}
