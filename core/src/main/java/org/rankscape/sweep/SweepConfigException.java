package org.rankscape.sweep;

/**
 * A sweep file, an override or a setting value is not acceptable. The message names the key (and,
 * when known, the file and line), the value found and what was expected; the command line maps it
 * to exit code 2.
 */
public final class SweepConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SweepConfigException(String message) {
    super(message);
  }

  public SweepConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
