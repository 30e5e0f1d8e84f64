package org.rankscape.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line every benchmark takes, {@code [--quick] [--out FILE]}, and where its report
 * goes: FILE, or the preset's default.
 */
record BenchOptions(boolean quick, Path out) {

  /** Parses the arguments; prints the usage and exits (0 for --help, 2 otherwise) on others. */
  static BenchOptions parse(String name, String[] args) {
    boolean quick = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> {
          if (++i >= args.length) {
            throw new IllegalArgumentException("--out needs a value");
          }
          out = Path.of(args[i]);
        }
        default -> {
          System.err.println("usage: " + name + " [--quick] [--out FILE]");
          System.exit(args[i].equals("--help") || args[i].equals("-h") ? 0 : 2);
        }
      }
    }
    return new BenchOptions(quick, out);
  }

  /** Writes the report to --out, or to {@code defaultOut}, and prints it; returns the path. */
  Path write(String markdown, Path defaultOut) throws java.io.IOException {
    Path target = out != null ? out : defaultOut;
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, markdown);
    System.out.println(markdown);
    return target;
  }
}
