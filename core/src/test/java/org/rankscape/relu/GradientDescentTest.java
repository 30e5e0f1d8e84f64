package org.rankscape.relu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rankscape.relu.GradientDescent.StopRule;

class GradientDescentTest {
  private static final double TOLERANCE = 1e-9 / (2 * Math.PI);

  @Test
  void aRunFromASeededStartIsDeterministic() {
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(4);
    GradientDescent gd = new GradientDescent(loss, 0.1, TOLERANCE, 1e-10, 2_000);
    GradientDescent.Result a = gd.run(ReluTrial.initialWeights(4, 4, 7));
    GradientDescent.Result b = gd.run(ReluTrial.initialWeights(4, 4, 7));
    assertEquals(a.loss(), b.loss(), 0.0);
    assertEquals(a.iterations(), b.iterations());
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(a.weights()[i], b.weights()[i], 0.0);
    }
  }

  @Test
  void stopsAtTheGlobalMinimumByTheLossRule() {
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(3);
    double[][] start = loss.teacher();
    start[0][0] = 1.1;
    GradientDescent.Result r = new GradientDescent(loss, 0.1, 0, 1e-10, 100_000).run(start);
    assertEquals(StopRule.GLOBAL, r.stopRule());
    assertTrue(r.loss() < 1e-10);
    assertEquals(0, r.restarts());
  }

  @Test
  void stopsAtTheCapWhenNoOtherRuleHolds() {
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(3);
    GradientDescent.Result r =
        new GradientDescent(loss, 0.1, 0, 0, 5).run(ReluTrial.initialWeights(3, 3, 1));
    assertEquals(StopRule.CAP, r.stopRule());
    assertEquals(5, r.iterations());
  }

  @Test
  void aDivergingRunRestartsFromTheSameStartWithHalfTheStep() {
    // Along w_1 = t·e_1 (the others at the teacher) F = (t − 1)²/4, so ∂²F/∂t² = 1/2: a step
    // η > 4 overshoots by |1 − η/2| > 1 per iteration and the gradient passes 1e4 within a few
    // steps. From η = 16 the runs at 16, 8 and 4 diverge (the other neurons' curvature makes 4
    // diverge too); η = 2 stays bounded, so the run keeps it. The counts are this deterministic
    // run's.
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(3);
    double[][] start = loss.teacher();
    start[0][0] = 2;
    GradientDescent.Result r = new GradientDescent(loss, 16, TOLERANCE, 1e-10, 100).run(start);
    assertEquals(3, r.restarts());
    assertEquals(2.0, r.step(), 0.0);
    assertEquals(100, r.iterations());
    assertTrue(r.totalIterations() > r.iterations(), "the restarted attempts' steps are counted");
  }

  @Test
  void withoutRestartsAStableStepIsKept() {
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(3);
    double[][] start = loss.teacher();
    start[0][0] = 2;
    GradientDescent.Result r =
        new GradientDescent(loss, 0.1, TOLERANCE, 1e-10, 100_000).run(start);
    assertEquals(0, r.restarts());
    assertEquals(0.1, r.step(), 0.0);
  }
}
