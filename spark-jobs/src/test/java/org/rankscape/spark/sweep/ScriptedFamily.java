package org.rankscape.spark.sweep;

import static org.rankscape.results.ColumnType.DOUBLE;
import static org.rankscape.results.ColumnType.INT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rankscape.results.Column;
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
 * A family for testing the sweep machinery in seconds, without data or training: a trial "trains"
 * for {@code epochs} epochs of {@code millis_per_epoch} each, reports them, and returns y = x² and
 * one row per epoch; it throws while the file {@code fail_marker-x} exists, and fails its task (an
 * {@link AssertionError}, which no trial catches) while {@code fail_marker-task-x} exists. Its trials say they
 * take their sleep, so the engine packs them into tasks.
 */
public final class ScriptedFamily implements ExperimentFamily {
  public static final String NAME = "test-scripted";
  static final String STEPS = "steps";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SettingDef> settings() {
    return List.of(
        SettingDef.required("x", SettingType.INT, "the trial's input", Constraint.any()),
        SettingDef.optional("seed", SettingType.LONG, 1L, "replicate", Constraint.any()),
        SettingDef.optional("epochs", SettingType.INT, 2, "epochs", Constraint.atLeast(1)),
        SettingDef.optional(
            "millis_per_epoch", SettingType.INT, 0, "sleep per epoch", Constraint.atLeast(0)),
        SettingDef.optional(
            "fail_marker",
            SettingType.STRING,
            "-",
            "fail while the file named by this, '-' and x exists",
            Constraint.any()));
  }

  @Override
  public List<Column> metricColumns() {
    return List.of(Column.nullable("y", DOUBLE, "x squared"));
  }

  @Override
  public List<TableSchema> tables() {
    return List.of(
        new TableSchema(
            STEPS,
            List.of(
                Column.required("epoch", INT, "1-based epoch"),
                Column.required("value", DOUBLE, "x times the epoch"))));
  }

  @Override
  public SummarySpec summary() {
    return new SummarySpec(
        "Scripted",
        "scripted",
        List.of("x"),
        "seed",
        List.of(SummaryColumn.ofTrials("y", "y", "y", SummaryColumn.Format.COUNT)));
  }

  @Override
  public double estimatedSeconds(TrialSpec trial) {
    return trial.getInt("epochs") * trial.getInt("millis_per_epoch") / 1e3;
  }

  @Override
  public TrialOutcome run(TrialSpec trial, RunContext context, TrialProgress progress)
      throws Exception {
    int x = trial.getInt("x");
    int epochs = trial.getInt("epochs");
    if (Files.exists(Path.of(trial.getString("fail_marker") + "-" + x))) {
      throw new IllegalStateException("scripted failure of x = " + x);
    }
    if (Files.exists(Path.of(trial.getString("fail_marker") + "-task-" + x))) {
      throw new AssertionError("scripted task failure of x = " + x);
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      Thread.sleep(trial.getInt("millis_per_epoch"));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", e);
      row.put("value", (double) x * e);
      steps.add(row);
      progress.epochDone(e, epochs);
    }
    return new TrialOutcome(Map.of("y", (double) x * x), Map.of(STEPS, steps));
  }
}
