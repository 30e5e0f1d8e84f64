package org.rankscape.relu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HessianTest {

  @Test
  void atTheTeacherWithNEqualKTheHessianIsPositiveDefinite() {
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(4);
    double least = Hessian.minEigenvalue(loss, loss.teacher());
    assertTrue(least > 10 * Hessian.TOLERANCE, "smallest eigenvalue " + least);
  }

  @Test
  void splittingATeacherNeuronBetweenTwoStudentsLeavesAFlatDirection() {
    // n = k + 1: w_1 = 0.3·e_1 and w_{k+1} = 0.7·e_1 is a global minimum for every split.
    int k = 4;
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(k);
    double[][] w = new double[k + 1][];
    double[][] v = loss.teacher();
    System.arraycopy(v, 0, w, 0, k);
    w[0] = new double[] {0.3, 0, 0, 0};
    w[k] = new double[] {0.7, 0, 0, 0};
    assertEquals(0, loss.loss(w), 1e-15);
    assertEquals(0, Hessian.minEigenvalue(loss, w), Hessian.TOLERANCE);
  }

  @Test
  void theHessianOfAQuadraticDirectionIsExact() {
    // Along one neuron's own direction F is quadratic: F(V + t·e_1 e_1ᵀ) = t²/2 · E[relu(x_1)²]
    // = t²/4, so H[0][0] = 1/2.
    ReluPopulationLoss loss = ReluPopulationLoss.identityTeacher(3);
    assertEquals(0.5, Hessian.matrix(loss, loss.teacher())[0][0], 1e-6);
  }
}
