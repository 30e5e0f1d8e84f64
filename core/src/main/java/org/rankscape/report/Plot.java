package org.rankscape.report;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A chart of a report: title, caption (what a reader needs to read it), axes, lines and vertical
 * markers. {@code name} is the file stem of its PNG, so it is restricted to lower-case letters,
 * digits, '.', '_' and '-'; series and marker names are the legend and must differ.
 *
 * @param bands what the shaded bands of the series mean, for the caption; null for the default of
 *     {@link Series#ofReplicates}, the minimum to maximum over replicates
 */
public record Plot(
    String name,
    String title,
    String caption,
    Axis x,
    Axis y,
    List<Series> series,
    List<Marker> markers,
    String bands) {
  private static final Pattern FILE_STEM = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  public Plot {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    series = List.copyOf(series);
    markers = List.copyOf(markers);
    if (!FILE_STEM.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "plot name '" + name + "' must match " + FILE_STEM + " (it names the PNG file)");
    }
    Set<String> legend = new HashSet<>();
    for (String entry :
        Stream.concat(series.stream().map(Series::name), markers.stream().map(Marker::label))
            .toList()) {
      if (!legend.add(entry)) {
        throw new IllegalArgumentException("plot " + name + " names '" + entry + "' twice");
      }
    }
  }

  /** A plot whose bands, if any, are the minimum to maximum over replicates. */
  public Plot(
      String name,
      String title,
      String caption,
      Axis x,
      Axis y,
      List<Series> series,
      List<Marker> markers) {
    this(name, title, caption, x, y, series, markers, null);
  }
}
