package org.rankscape.results;

import java.io.Serializable;

/**
 * What the driver knows about a sweep run: Rankscape's version and git commit, the Spark version,
 * and the sweep file's hash, so a row can be traced to the exact definition and code that produced
 * it.
 *
 * @param gitCommit null when the code was not run from a git checkout
 * @param gitDirty null when unknown; true when the checkout had uncommitted changes
 */
public record RunProvenance(
    String projectVersion,
    String gitCommit,
    Boolean gitDirty,
    String sparkVersion,
    String sweepSha256)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Rankscape's version, from the build (resource filtered by Maven). */
  public static String buildVersion() {
    return BuildInfo.property("/org/rankscape/version.properties", "version");
  }
}
