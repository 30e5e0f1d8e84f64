package org.rankscape.relu;

/**
 * The population loss of a two-layer ReLU student against a ReLU teacher under Gaussian input, in
 * closed form, and its exact gradient (Safran and Shamir, ICML 2018).
 *
 * <p>With x ~ N(0, I_d), student neurons w_1..w_n ∈ R^d and teacher neurons v_1..v_k ∈ R^d,
 *
 * <pre>
 * F(W) = ½·E[(Σ_i relu(w_iᵀx) − Σ_j relu(v_jᵀx))²]
 *      = ½·(Σ_{i,i'} g(w_i, w_i') − 2·Σ_{i,j} g(w_i, v_j) + Σ_{j,j'} g(v_j, v_j'))
 * g(u, v) = E[relu(uᵀx)·relu(vᵀx)] = ‖u‖‖v‖·(sin θ + (π − θ)·cos θ)/(2π),  θ = ∠(u, v)
 * ∇_u g(u, v) = (‖v‖·sin θ·u/‖u‖ + (π − θ)·v)/(2π)
 * ∇_{w_i} F = Σ_{i'} ∇_u g(w_i, w_i') − Σ_j ∇_u g(w_i, v_j)
 * </pre>
 *
 * (the i' = i term, ∇_u g(w, w) = w/2, is half the derivative of g(w_i, w_i) = ‖w_i‖²/2, the other
 * half coming from the symmetric pair.) The angle is computed as θ = 2·atan2(‖ū − v̄‖, ‖ū + v̄‖)
 * (Kahan), accurate to a few ulps also for nearly parallel vectors, where acos of the cosine loses
 * half the digits (an error of √ε ≈ 1e-8 in θ would exceed the gradient tolerance of 1.6e-10).
 *
 * <p>Limits: g is not differentiable in u at u = 0 (it is positively homogeneous of degree 1); for
 * a zero neuron this class takes θ = π/2 and drops the u/‖u‖ term, i.e. ∇_u g(0, v) = v/4 (a
 * convention, not a derivative). Gradient descent from a Gaussian start
 * never lands exactly on 0. Non-finite weights give NaN. Cost: O((n² + n·k)·d) per evaluation, no
 * allocation beyond n unit vectors.
 *
 * <p>Neurons are rows: {@code w[i]} is w_i (the i-th column of the paper's d × n matrix W).
 */
public final class ReluPopulationLoss {
  private static final double TWO_PI = 2 * Math.PI;

  private final double[][] teacher;
  private final double[][] teacherUnit;
  private final double[] teacherNorm;
  private final double teacherTerm;

  private ReluPopulationLoss(double[][] teacher) {
    this.teacher = copy(teacher);
    this.teacherNorm = norms(this.teacher);
    this.teacherUnit = units(this.teacher, teacherNorm);
    double c = 0;
    for (int j = 0; j < teacher.length; j++) {
      for (int l = 0; l < teacher.length; l++) {
        c += kernel(teacherUnit[j], teacherNorm[j], teacherUnit[l], teacherNorm[l]);
      }
    }
    this.teacherTerm = c;
  }

  /** The teacher of the protocol: V = I_k, so d = k and v_j = e_j. */
  public static ReluPopulationLoss identityTeacher(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k (" + k + ") must be >= 1");
    }
    double[][] v = new double[k][k];
    for (int j = 0; j < k; j++) {
      v[j][j] = 1;
    }
    return new ReluPopulationLoss(v);
  }

  /** Any teacher, neurons as rows ({@code v[j]} = v_j), all of one dimension d. */
  public static ReluPopulationLoss of(double[][] teacher) {
    if (teacher.length == 0) {
      throw new IllegalArgumentException("the teacher needs at least one neuron");
    }
    return new ReluPopulationLoss(teacher);
  }

  /** d, the input dimension. */
  public int dimension() {
    return teacher[0].length;
  }

  /** k, the teacher's neurons. */
  public int teacherNeurons() {
    return teacher.length;
  }

  /** The teacher's neurons as rows (a copy). */
  public double[][] teacher() {
    return copy(teacher);
  }

  /** F(W). */
  public double loss(double[][] w) {
    return evaluate(w, null);
  }

  /**
   * F(W), writing ∇F into {@code gradient} (same shape as {@code w}) when it is not null.
   *
   * @return F(W)
   */
  public double evaluate(double[][] w, double[][] gradient) {
    int n = w.length;
    int d = dimension();
    for (double[] row : w) {
      if (row.length != d) {
        throw new IllegalArgumentException(
            "student neuron of dimension " + row.length + ", expected d = " + d);
      }
    }
    double[] norm = norms(w);
    double[][] unit = units(w, norm);
    double students = 0;
    double cross = 0;
    for (int i = 0; i < n; i++) {
      if (gradient != null) {
        java.util.Arrays.fill(gradient[i], 0);
      }
      for (int l = 0; l < n; l++) {
        students += pair(unit[i], norm[i], unit[l], norm[l], w[l], 1, gradient, i);
      }
      for (int j = 0; j < teacher.length; j++) {
        cross +=
            pair(unit[i], norm[i], teacherUnit[j], teacherNorm[j], teacher[j], -1, gradient, i);
      }
    }
    return 0.5 * (students - 2 * cross + teacherTerm);
  }

  /**
   * g(u, v) for u = nu·uu, v = nv·vu; adds sign·∇_u g(u, v) to {@code gradient[i]} if non-null.
   */
  private static double pair(
      double[] uu, double nu, double[] vu, double nv, double[] v, int sign, double[][] gradient,
      int i) {
    if (nu == 0 || nv == 0) {
      if (gradient != null && nu == 0) {
        // θ := π/2: only the (π − θ)·v term is left.
        addScaled(gradient[i], sign * 0.25, v);
      }
      return 0;
    }
    double theta = angle(uu, vu);
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    if (gradient != null) {
      addScaled(gradient[i], sign * nv * sin / TWO_PI, uu);
      addScaled(gradient[i], sign * (Math.PI - theta) / TWO_PI, v);
    }
    return nu * nv * (sin + (Math.PI - theta) * cos) / TWO_PI;
  }

  private static double kernel(double[] uu, double nu, double[] vu, double nv) {
    if (nu == 0 || nv == 0) {
      return 0;
    }
    double theta = angle(uu, vu);
    return nu * nv * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta)) / TWO_PI;
  }

  /** The angle between unit vectors: 2·atan2(‖a − b‖, ‖a + b‖), in [0, π]. */
  static double angle(double[] a, double[] b) {
    double minus = 0;
    double plus = 0;
    for (int p = 0; p < a.length; p++) {
      double m = a[p] - b[p];
      double s = a[p] + b[p];
      minus += m * m;
      plus += s * s;
    }
    return 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus));
  }

  private static double[] scaledCopy(double[] a, double s) {
    double[] out = new double[a.length];
    for (int p = 0; p < a.length; p++) {
      out[p] = a[p] * s;
    }
    return out;
  }

  private static void addScaled(double[] target, double s, double[] x) {
    for (int p = 0; p < target.length; p++) {
      target[p] += s * x[p];
    }
  }

  private static double[] norms(double[][] w) {
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double ss = 0;
      for (double x : w[i]) {
        ss += x * x;
      }
      out[i] = Math.sqrt(ss);
    }
    return out;
  }

  private static double[][] units(double[][] w, double[] norm) {
    double[][] out = new double[w.length][];
    for (int i = 0; i < w.length; i++) {
      out[i] = norm[i] == 0 ? new double[w[i].length] : scaledCopy(w[i], 1 / norm[i]);
    }
    return out;
  }

  static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
