package org.rankscape.sweep;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One point of a sweep's grid: the family and every setting's canonical value (defaults filled in).
 *
 * <p>Its {@link #id()} is the first 16 hex digits of SHA-256 over {@link #canonicalForm()}: the
 * family name and the settings sorted by key in {@link Canonical} text. Equal settings give equal
 * ids on any machine and in any sweep; the sweep's name is deliberately not part of it.
 */
public record TrialSpec(String family, Map<String, Object> settings) implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int ID_HEX_DIGITS = 16;

  public TrialSpec {
    Objects.requireNonNull(family, "family");
    settings = Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /** The text the id is hashed from, e.g. {@code my-family{activation="relu",epochs=10,...}}. */
  public String canonicalForm() {
    return family + Canonical.render(settings);
  }

  /** Stable id: 16 hex digits of SHA-256 of {@link #canonicalForm()}. */
  public String id() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalForm().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, ID_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  public Object get(String key) {
    Object value = settings.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "trial has no setting '" + key + "'; it has " + settings.keySet());
    }
    return value;
  }

  public int getInt(String key) {
    return (Integer) get(key);
  }

  public long getLong(String key) {
    return (Long) get(key);
  }

  public double getDouble(String key) {
    return (Double) get(key);
  }

  public String getString(String key) {
    return (String) get(key);
  }

  @SuppressWarnings("unchecked")
  public List<String> getStringList(String key) {
    return (List<String>) get(key);
  }
}
