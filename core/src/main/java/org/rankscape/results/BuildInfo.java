package org.rankscape.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Reads one value from a properties file on the classpath, for provenance; "unknown" if it is not
 * there.
 */
final class BuildInfo {
  static final String UNKNOWN = "unknown";

  private BuildInfo() {}

  static String property(String resource, String key) {
    try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty(key, UNKNOWN);
    } catch (IOException e) {
      return UNKNOWN;
    }
  }
}
