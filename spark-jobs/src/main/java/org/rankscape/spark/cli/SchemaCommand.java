package org.rankscape.spark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rankscape.results.Column;
import org.rankscape.results.Summarizer;
import org.rankscape.results.TableSchema;
import org.rankscape.sweep.ExperimentFamily;
import org.rankscape.sweep.Families;
import org.rankscape.sweep.SettingDef;
import org.rankscape.sweep.SweepTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description =
        "Print a family's settings and the columns of its result tables as markdown (the README's"
            + " tables).")
final class SchemaCommand implements Callable<Integer> {
  @Option(
      names = "--family",
      paramLabel = "NAME",
      defaultValue = "figure1-cnn",
      description = "family (default: ${DEFAULT-VALUE})")
  String family;

  @Override
  public Integer call() {
    System.out.print(markdown(Families.byName(family)));
    return 0;
  }

  static String markdown(ExperimentFamily family) {
    StringBuilder sb = new StringBuilder();
    sb.append("#### Settings of `")
        .append(family.name())
        .append("`\n\n| key | type | default | meaning | allowed |\n|---|---|---|---|---|\n");
    for (SettingDef d : family.settings()) {
      sb.append("| `")
          .append(d.key())
          .append("` | ")
          .append(d.type().name().toLowerCase(java.util.Locale.ROOT))
          .append(" | ")
          .append(d.isRequired() ? "required" : String.valueOf(d.defaultValue()))
          .append(" | ")
          .append(d.description())
          .append(" | ")
          .append(d.constraint().description())
          .append(" |\n");
    }
    List<TableSchema> tables = new ArrayList<>();
    TableSchema trials = SweepTables.trialsSchema(family);
    tables.add(trials);
    family.tables().forEach(t -> tables.add(SweepTables.keyed(t)));
    tables.add(Summarizer.schema(family.summary(), family.summary().groupKeys(), trials));
    for (TableSchema t : tables) {
      sb.append("\n#### `")
          .append(t.name())
          .append("/`\n\n| column | type | null? | meaning |\n|---|---|---|---|\n");
      for (Column c : t.columns()) {
        sb.append("| `")
            .append(c.name())
            .append("` | ")
            .append(c.type().name().toLowerCase(java.util.Locale.ROOT))
            .append(" | ")
            .append(c.nullable() ? "yes" : "no")
            .append(" | ")
            .append(c.description())
            .append(" |\n");
      }
    }
    return sb.toString();
  }
}
