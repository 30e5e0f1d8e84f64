package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-layer-relu family end to end: its laptop preset cut to k = 4, 5 and three seeds, swept on
 * local[2] through the command line; the summary goes to spurious-minima.md/csv (no table2.*), the
 * report plots the spurious share. Seconds: no data, no training beyond a few thousand steps.
 */
class ReluSweepTest {
  @TempDir Path tmp;

  @Test
  void aSmallSpuriousMinimaSweepWritesItsOwnSummaryFilesAndReport() throws IOException {
    System.setProperty("rankscape.home", SmokeSweepTest.HOME.toString());
    Path out = tmp.resolve("relu");
    int exit =
        Rankscape.execute(
            "sweep",
            SmokeSweepTest.HOME.resolve("conf/spurious-minima-laptop.conf").toString(),
            "--set",
            "grid.k=[4, 5]",
            "--set",
            "grid.seed=[1, 2, 3]",
            "--out",
            out.toString(),
            "--master",
            "local[2]");
    assertEquals(0, exit);
    List<String> md = Files.readAllLines(out.resolve("spurious-minima.md"));
    assertTrue(md.get(0).startsWith("| k | n | seeds | spurious runs | % spurious"), md.get(0));
    assertEquals(4, md.size(), "header, rule and one line per k");
    assertTrue(md.get(2).startsWith("| 4 | 4 | 3 |"), md.get(2));
    assertEquals(3, Files.readAllLines(out.resolve("spurious-minima.csv")).size());
    assertFalse(Files.exists(out.resolve("table2.md")), "table2.* is the CNN family's");
    assertTrue(Files.isDirectory(out.resolve("summary")));
    assertTrue(Files.size(out.resolve("plots/spurious.png")) > 0);
    assertTrue(Files.readString(out.resolve("report.html")).contains("Wilson"));
  }
}
