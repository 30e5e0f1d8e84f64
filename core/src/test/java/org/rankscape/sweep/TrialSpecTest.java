package org.rankscape.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialSpecTest {

  @Test
  void idDependsOnValuesNotOnInsertionOrder() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("filters", 3);
    a.put("activation", "sigmoid");
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("activation", "sigmoid");
    b.put("filters", 3);
    assertEquals(new TrialSpec("f", a).id(), new TrialSpec("f", b).id());
    b.put("filters", 4);
    assertNotEquals(new TrialSpec("f", a).id(), new TrialSpec("f", b).id());
    assertNotEquals(new TrialSpec("f", a).id(), new TrialSpec("g", a).id());
  }

  @Test
  void idIsAFixedFunctionOfTheCanonicalForm() {
    // Pinned: if this changes, ids of every existing result change. Change only on purpose.
    TrialSpec t =
        new TrialSpec(
            "figure1-cnn",
            Map.of(
                "filters",
                3,
                "activation",
                "sigmoid",
                "noise_variance",
                1e-5,
                "seed",
                1L,
                "layers",
                List.of("conv1", "conv2")));
    assertEquals(
        "figure1-cnn{activation=\"sigmoid\",filters=3,layers=[\"conv1\",\"conv2\"],noise_variance=1.0E-5,seed=1}",
        t.canonicalForm());
    // Computed independently: python3 -c "import hashlib; print(hashlib.sha256(FORM.encode()).hexdigest()[:16])"
    assertEquals("f1f232946e16c928", t.id());
    assertEquals(t.id(), new TrialSpec("figure1-cnn", Map.copyOf(t.settings())).id());
  }

  @Test
  void integersWrittenAsDoublesCoerceToTheSameCanonicalValue() {
    SettingDef d = SettingDef.optional("lr", SettingType.DOUBLE, 1.0, "x", Constraint.any());
    assertEquals(d.validate(1, "lr"), d.validate(1.0, "lr"));
    SettingDef i = SettingDef.optional("n", SettingType.INT, 1, "x", Constraint.any());
    assertEquals(3, i.validate(3.0, "n"));
  }
}
