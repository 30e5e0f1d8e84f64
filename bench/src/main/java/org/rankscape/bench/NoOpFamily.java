package org.rankscape.bench;

import java.util.List;
import java.util.Map;
import org.rankscape.results.Column;
import org.rankscape.results.ColumnType;
import org.rankscape.results.SummaryColumn;
import org.rankscape.results.SummarySpec;
import org.rankscape.results.TableSchema;
import org.rankscape.results.TrialOutcome;
import org.rankscape.sweep.Constraint;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.RunContext;
import org.rankscape.sweep.SettingDef;
import org.rankscape.sweep.SettingType;
import org.rankscape.sweep.TrialProgress;
import org.rankscape.sweep.TrialSpec;

/**
 * A family whose trials do nothing, so that a sweep of it measures the engine alone: grid
 * expansion, packing into tasks, scheduling, commits, progress and the tables
 * ({@link EngineOverheadBenchmark}). Its one metric is the trial's index.
 */
public final class NoOpFamily implements ExperimentFamily {
  public static final String NAME = "bench-no-op";
  private static final String INDEX = "i";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SettingDef> settings() {
    return List.of(SettingDef.required(INDEX, SettingType.INT, "the trial's index", Constraint.any()));
  }

  @Override
  public List<Column> metricColumns() {
    return List.of(Column.nullable("value", ColumnType.DOUBLE, "the trial's index"));
  }

  @Override
  public List<TableSchema> tables() {
    return List.of();
  }

  @Override
  public SummarySpec summary() {
    return new SummarySpec(
        "No-op trials",
        "no-op",
        List.of(),
        INDEX,
        List.of(SummaryColumn.ofTrials("value", "value", "value", SummaryColumn.Format.COUNT)));
  }

  /** Nothing to run: the engine may pack as many as it likes. */
  @Override
  public double estimatedSeconds(TrialSpec trial) {
    return 0;
  }

  @Override
  public TrialOutcome run(TrialSpec trial, RunContext context, TrialProgress progress) {
    return new TrialOutcome(Map.of("value", (double) trial.getInt(INDEX)), Map.of());
  }
}
