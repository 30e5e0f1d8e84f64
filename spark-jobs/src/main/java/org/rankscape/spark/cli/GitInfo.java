package org.rankscape.spark.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of a checkout and whether it has uncommitted changes, for provenance; null when
 * unknown.
 */
record GitInfo(String commit, Boolean dirty) {

  static GitInfo of(Path dir) {
    String commit = git(dir, "rev-parse", "HEAD");
    if (commit == null) {
      return new GitInfo(null, null);
    }
    String status = git(dir, "status", "--porcelain", "--untracked-files=no");
    return new GitInfo(commit, status == null ? null : !status.isEmpty());
  }

  private static String git(Path dir, String... args) {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "git";
    cmd[1] = "-C";
    cmd[2] = dir.toString();
    System.arraycopy(args, 0, cmd, 3, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
