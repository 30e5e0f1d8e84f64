package org.rankscape.sweep;

import static org.rankscape.results.ColumnType.BOOLEAN;
import static org.rankscape.results.ColumnType.DOUBLE;
import static org.rankscape.results.ColumnType.INT;
import static org.rankscape.results.ColumnType.STRING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rankscape.results.Column;
import org.rankscape.results.ColumnType;
import org.rankscape.results.RunProvenance;
import org.rankscape.results.Summarizer;
import org.rankscape.results.Table;
import org.rankscape.results.TableSchema;
import org.rankscape.results.TrialResult;

/**
 * The result tables of a sweep, for any family: the {@code trials} table (identity, status, every
 * setting, the family's final metrics, provenance) and the family's own tables, each prefixed with
 * {@code trial_id}. Also the summary, computed from those tables alone.
 */
public final class SweepTables {
  public static final String TRIALS = "trials";
  public static final String TRIAL_ID = "trial_id";
  public static final String FAMILY = "family";
  public static final String STATUS = "status";
  public static final String SWEEP = "sweep";
  public static final String ERROR = "error";

  private static final List<Column> IDENTITY =
      List.of(
          Column.required(
              TRIAL_ID,
              STRING,
              "stable id: 16 hex digits of SHA-256 of the family and canonical settings"),
          Column.required(SWEEP, STRING, "the sweep's name (sweep.name)"),
          Column.required(FAMILY, STRING, "the experiment family"),
          Column.required(STATUS, STRING, "ok or failed"),
          Column.nullable(ERROR, STRING, "the exception of a failed trial, else null"));

  // The generic provenance columns; the family's own go between the two groups, after the Java
  // version (the runtime's libraries next to the runtime), so that its tables keep their order.
  private static final List<Column> HOST =
      List.of(
          Column.required("wall_seconds", DOUBLE, "seconds the trial ran, start to end"),
          Column.required("started_at", STRING, "UTC start time, ISO-8601"),
          Column.required("host", STRING, "host that ran the trial"),
          Column.required("java_version", STRING, "Java version of the executor"));

  private static final List<Column> MACHINE_AND_RUN =
      List.of(
          Column.required("os_arch", STRING, "operating system / CPU architecture"),
          Column.required("cpu_model", STRING, "CPU model of the executor's machine"),
          Column.required(
              "cpu_features",
              STRING,
              "vector instruction sets of that CPU that select native kernels (sse4_2 … avx512f)"),
          Column.required("cpu_cores", INT, "cores the executor JVM saw"),
          Column.required("project_version", STRING, "Rankscape version"),
          Column.nullable("git_commit", STRING, "git commit of the Rankscape checkout, if known"),
          Column.nullable(
              "git_dirty", BOOLEAN, "whether that checkout had uncommitted changes, if known"),
          Column.required("spark_version", STRING, "Spark version of the driver"),
          Column.required(
              "sweep_sha256",
              STRING,
              "SHA-256 of the effective sweep definition (file plus --set)"));

  private SweepTables() {}

  public static TableSchema trialsSchema(ExperimentFamily family) {
    List<Column> columns = new ArrayList<>(IDENTITY);
    for (SettingDef d : family.settings()) {
      columns.add(Column.required(d.key(), columnType(d.type()), "setting: " + d.description()));
    }
    columns.addAll(family.metricColumns());
    columns.addAll(provenanceColumns(family));
    return new TableSchema(TRIALS, columns);
  }

  /**
   * The provenance columns of the trials table (where, when, with what code and versions a trial
   * ran), the family's own ({@link ExperimentFamily#provenanceColumns}) among them, in table order.
   */
  public static List<Column> provenanceColumns(ExperimentFamily family) {
    List<Column> columns = new ArrayList<>(HOST);
    columns.addAll(family.provenanceColumns());
    columns.addAll(MACHINE_AND_RUN);
    return columns;
  }

  /** The schemas of every table of the sweep, in {@link #build}'s order. */
  public static List<TableSchema> schemas(ExperimentFamily family) {
    List<TableSchema> schemas = new ArrayList<>();
    schemas.add(trialsSchema(family));
    family.tables().forEach(t -> schemas.add(keyed(t)));
    return schemas;
  }

  /** A family table with {@code trial_id} as first column. */
  public static TableSchema keyed(TableSchema familyTable) {
    List<Column> columns = new ArrayList<>();
    columns.add(IDENTITY.get(0));
    columns.addAll(familyTable.columns());
    return new TableSchema(familyTable.name(), columns);
  }

  /** Every table of the sweep: trials first, then the family's, in the family's order. */
  public static List<Table> build(
      ExperimentFamily family, String sweepName, RunProvenance run, List<TrialResult> results) {
    List<Map<String, Object>> trialRows = new ArrayList<>();
    Map<String, List<Map<String, Object>>> familyRows = new LinkedHashMap<>();
    family.tables().forEach(t -> familyRows.put(t.name(), new ArrayList<>()));
    for (TrialResult r : results) {
      trialRows.add(trialRow(family, sweepName, run, r));
      r.outcome()
          .tableRows()
          .forEach(
              (table, rows) -> {
                List<Map<String, Object>> target = familyRows.get(table);
                if (target == null) {
                  throw new IllegalStateException(
                      "family " + family.name() + " returned rows for undeclared table " + table);
                }
                for (Map<String, Object> row : rows) {
                  Map<String, Object> keyed = new LinkedHashMap<>();
                  keyed.put(TRIAL_ID, r.spec().id());
                  keyed.putAll(row);
                  target.add(keyed);
                }
              });
    }
    List<Table> tables = new ArrayList<>();
    tables.add(new Table(trialsSchema(family), trialRows));
    family.tables().forEach(t -> tables.add(new Table(keyed(t), familyRows.get(t.name()))));
    return tables;
  }

  /** The summary of a sweep's tables (as built by {@link #build} or read back from Parquet). */
  public static Table summary(ExperimentFamily family, List<Table> tables) {
    Map<String, Table> byName = new LinkedHashMap<>();
    tables.forEach(t -> byName.put(t.name(), t));
    Table trials = byName.get(TRIALS);
    if (trials == null) {
      throw new IllegalArgumentException("no trials table among " + byName.keySet());
    }
    List<String> settingKeys = family.settings().stream().map(SettingDef::key).toList();
    return Summarizer.summarize(family.summary(), settingKeys, trials, byName);
  }

  private static Map<String, Object> trialRow(
      ExperimentFamily family, String sweepName, RunProvenance run, TrialResult r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(TRIAL_ID, r.spec().id());
    row.put(SWEEP, sweepName);
    row.put(FAMILY, family.name());
    row.put(STATUS, r.status().label());
    row.put(ERROR, r.error());
    for (SettingDef d : family.settings()) {
      Object v = r.spec().get(d.key());
      row.put(
          d.key(),
          v instanceof List<?> list
              ? String.join(",", list.stream().map(String::valueOf).toList())
              : v);
    }
    for (Column c : family.metricColumns()) {
      row.put(c.name(), r.outcome().metrics().get(c.name()));
    }
    row.put("wall_seconds", r.wallSeconds());
    row.put("started_at", r.startedAt());
    row.put("host", r.host().host());
    row.put("java_version", r.host().javaVersion());
    for (Column c : family.provenanceColumns()) {
      row.put(c.name(), r.host().family().get(c.name()));
    }
    row.put("os_arch", r.host().osArch());
    row.put("cpu_model", r.host().cpuModel());
    row.put("cpu_features", r.host().cpuFeatures());
    row.put("cpu_cores", r.host().cpuCores());
    row.put("project_version", run.projectVersion());
    row.put("git_commit", run.gitCommit());
    row.put("git_dirty", run.gitDirty());
    row.put("spark_version", run.sparkVersion());
    row.put("sweep_sha256", run.sweepSha256());
    return row;
  }

  // Lists become comma-joined strings: plain columns read the same in Spark, DuckDB and pandas.
  private static ColumnType columnType(SettingType type) {
    return switch (type) {
      case INT -> INT;
      case LONG -> ColumnType.LONG;
      case DOUBLE -> DOUBLE;
      case BOOLEAN -> BOOLEAN;
      case STRING, STRING_LIST -> STRING;
    };
  }
}
