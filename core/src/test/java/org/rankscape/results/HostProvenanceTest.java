package org.rankscape.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostProvenanceTest {
  @Test
  void machineFactsAreReadOncePerJvmAndEachTrialCarriesItsFamilysValues() {
    HostProvenance first = HostProvenance.capture(Map.of("lib_version", "1.2"));
    HostProvenance second = HostProvenance.capture(Map.of());
    // The same objects, not equal re-reads: /proc/cpuinfo and the host name were read once.
    assertSame(first.host(), second.host());
    assertSame(first.cpuModel(), second.cpuModel());
    assertSame(first.cpuFeatures(), second.cpuFeatures());
    assertEquals(Map.of("lib_version", "1.2"), first.family());
    assertEquals(Map.of(), second.family());
  }
}
