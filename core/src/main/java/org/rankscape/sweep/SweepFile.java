package org.rankscape.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates a sweep file (HOCON) into a {@link SweepSpec}. The layout:
 *
 * <pre>
 * sweep    { name = laptop, family = FAMILY }        # both required; FAMILY: see {@link Families}
 * settings { samples = 6000, epochs = 12 }           # fixed for every trial; unlisted settings take defaults
 * grid     { filters = [1, 2, 3], seed = [1] }       # the Cartesian product of these lists is the sweep
 * </pre>
 *
 * Overrides ({@code --set key=value}, HOCON syntax, e.g. {@code settings.epochs=2} or {@code
 * grid.filters=[1,2]}) replace the file's values before validation; {@code settings.KEY=null}
 * removes a fixed setting (so that it can move to the grid, or take its default). Everything is
 * rejected before any trial runs if it is wrong: unknown keys, wrong types, values outside their
 * constraints, an empty grid or grid list, duplicate grid values, a setting given twice, a required
 * setting missing. Messages name the key, the value, the file and line, and what was expected.
 */
public final class SweepFile {
  private static final Set<String> SECTIONS = Set.of("sweep", "settings", "grid");
  private static final Set<String> SWEEP_KEYS = Set.of("name", "family", "checkpoint_every");

  /**
   * A sweep name: it names the default output directory runs/NAME-TIME, so it must be one plain
   * file name there, never a path ("../x", "/abs") nor hidden (".x"), and short enough for the
   * file system's 255 bytes with the time and the suffixes of staging folders.
   */
  private static final Pattern SWEEP_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");

  private SweepFile() {}

  /**
   * @throws SweepConfigException for a missing or unreadable file, a syntax error or any invalid
   *     value
   */
  public static SweepSpec read(Path file, List<String> overrides) {
    if (!Files.isRegularFile(file)) {
      throw new SweepConfigException(
          "sweep file " + file + " does not exist or is not a regular file");
    }
    Config config;
    try {
      config =
          ConfigFactory.parseFile(
              file.toFile(),
              ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
      for (String override : overrides) {
        config = parseOverride(override).withFallback(config);
      }
      config = config.resolve();
    } catch (ConfigException e) {
      // A parse error's message starts with its origin, which for the file is "FILE: LINE".
      boolean named = e.origin() != null && file.toString().equals(e.origin().filename());
      throw new SweepConfigException(
          "sweep file " + (named ? "" : file + ": ") + e.getMessage(), e);
    }
    return fromConfig(config);
  }

  static SweepSpec fromConfig(Config config) {
    rejectUnknown(config.root(), SECTIONS, "");
    String name = sweepName(config);
    String family = familyName(config);
    if (config.hasPath("sweep")) {
      rejectUnknown(config.getObject("sweep"), SWEEP_KEYS, "sweep.");
    }
    ExperimentFamily fam = Families.byName(family);
    Map<String, SettingDef> defs = new LinkedHashMap<>();
    fam.settings().forEach(d -> defs.put(d.key(), d));

    Map<String, Object> given = new LinkedHashMap<>();
    ConfigObject settings = object(config, "settings");
    for (Map.Entry<String, ConfigValue> e : settings.entrySet()) {
      if (e.getValue().valueType() == ConfigValueType.NULL) {
        continue; // null removes a value, e.g. --set settings.epochs=null to move epochs to the
        // grid
      }
      String where = "settings." + e.getKey() + origin(e.getValue().origin());
      given.put(
          e.getKey(), def(defs, e.getKey(), where, fam).validate(e.getValue().unwrapped(), where));
    }

    Map<String, List<Object>> grid = new LinkedHashMap<>();
    if (!config.hasPath("grid")) {
      throw new SweepConfigException("grid is missing: expected e.g. grid { filters = [1, 2] }");
    }
    for (Map.Entry<String, ConfigValue> e : object(config, "grid").entrySet()) {
      grid.put(
          e.getKey(),
          gridValues(
              def(defs, e.getKey(), "grid." + e.getKey() + origin(e.getValue().origin()), fam),
              e.getValue()));
    }

    for (String key : given.keySet()) {
      if (grid.containsKey(key)) {
        throw new SweepConfigException(
            "setting " + key + " appears both in settings and in grid: give it in one place");
      }
    }
    Map<String, Object> fixed = new LinkedHashMap<>();
    for (SettingDef d : defs.values()) {
      if (grid.containsKey(d.key())) {
        continue;
      }
      Object value = given.containsKey(d.key()) ? given.get(d.key()) : d.defaultValue();
      if (value == null) {
        throw new SweepConfigException(
            "setting "
                + d.key()
                + " is required ("
                + d.description()
                + "): give it under settings or grid");
      }
      fixed.put(d.key(), value);
    }
    SweepSpec spec = new SweepSpec(name, family, fixed, grid, checkpointEvery(config));
    spec.trials().forEach(fam::validate);
    return spec;
  }

  /**
   * {@code sweep.family}: required, so that no family is the machinery's default and a sweep file
   * means the same whichever families are installed.
   */
  private static String familyName(Config config) {
    if (!config.hasPath("sweep.family")) {
      throw new SweepConfigException(
          "sweep.family is missing: expected one of " + Families.names());
    }
    return string(config, "sweep.family");
  }

  private static List<Object> gridValues(SettingDef def, ConfigValue value) {
    String where = "grid." + def.key();
    if (value.valueType() != ConfigValueType.LIST) {
      throw new SweepConfigException(
          where
              + origin(value.origin())
              + " = "
              + value.render()
              + ": expected a list of values, e.g. ["
              + value.render()
              + "]");
    }
    List<?> raw = (List<?>) value.unwrapped();
    if (raw.isEmpty()) {
      throw new SweepConfigException(
          where + origin(value.origin()) + " is an empty list: expected at least one value");
    }
    List<Object> values = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      Object v = def.validate(raw.get(i), where + "[" + i + "]" + origin(value.origin()));
      if (!seen.add(v)) {
        throw new SweepConfigException(
            where
                + origin(value.origin())
                + " lists "
                + Canonical.render(v)
                + " more than once: expected distinct values");
      }
      values.add(v);
    }
    return values;
  }

  private static SettingDef def(
      Map<String, SettingDef> defs, String key, String where, ExperimentFamily fam) {
    SettingDef d = defs.get(key);
    if (d == null) {
      throw new SweepConfigException(
          "unknown key "
              + where
              + ": family "
              + fam.name()
              + " has settings "
              + String.join(", ", defs.keySet()));
    }
    return d;
  }

  private static void rejectUnknown(ConfigObject object, Set<String> allowed, String prefix) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new SweepConfigException(
            "unknown key "
                + prefix
                + e.getKey()
                + origin(e.getValue().origin())
                + ": expected one of "
                + allowed.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
  }

  private static ConfigObject object(Config config, String path) {
    if (!config.hasPath(path)) {
      return ConfigFactory.empty().root();
    }
    ConfigValue v = config.getValue(path);
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw new SweepConfigException(
          path + origin(v.origin()) + " = " + v.render() + ": expected an object { key = value }");
    }
    return (ConfigObject) v;
  }

  private static int checkpointEvery(Config config) {
    String path = "sweep.checkpoint_every";
    if (!config.hasPath(path)) {
      return SweepSpec.DEFAULT_CHECKPOINT_EVERY;
    }
    ConfigValue v = config.getValue(path);
    if (!(v.unwrapped() instanceof Integer every) || every < 0) {
      throw new SweepConfigException(
          path
              + origin(v.origin())
              + " = "
              + v.render()
              + ": expected a whole number of epochs >= 0 (0: no checkpoints)");
    }
    return every;
  }

  private static String sweepName(Config config) {
    String name = string(config, "sweep.name");
    if (!SWEEP_NAME.matcher(name).matches()) {
      ConfigValue v = config.getValue("sweep.name");
      throw new SweepConfigException(
          "sweep.name"
              + origin(v.origin())
              + " = "
              + v.render()
              + ": expected 1 to 100 letters, digits, '_', '-' and '.', the first a letter, digit"
              + " or '_' (it names the output directory runs/<name>-<time>)");
    }
    return name;
  }

  private static String string(Config config, String path) {
    if (!config.hasPath(path)) {
      throw new SweepConfigException(path + " is missing: expected a string");
    }
    ConfigValue v = config.getValue(path);
    if (v.valueType() != ConfigValueType.STRING || ((String) v.unwrapped()).isBlank()) {
      throw new SweepConfigException(
          path + origin(v.origin()) + " = " + v.render() + ": expected a non-empty string");
    }
    return (String) v.unwrapped();
  }

  private static Config parseOverride(String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new SweepConfigException(
          "--set " + override + ": expected key=value, e.g. settings.epochs=2");
    }
    try {
      return ConfigFactory.parseString(
          override, ConfigParseOptions.defaults().setOriginDescription("--set " + override));
    } catch (ConfigException e) {
      throw new SweepConfigException("--set " + override + ": " + e.getMessage(), e);
    }
  }

  private static String origin(ConfigOrigin origin) {
    if (origin == null) {
      return "";
    }
    if (origin.filename() != null) {
      return " (" + Path.of(origin.filename()).getFileName() + ":" + origin.lineNumber() + ")";
    }
    return " (" + origin.description() + ")";
  }
}
