package org.rankscape.results;

/**
 * The Wilson score interval for a binomial proportion (Wilson, JASA 1927): for s successes in n
 * trials, p̂ = s/n and z the normal quantile,
 *
 * <pre>
 * centre = (p̂ + z²/(2n)) / (1 + z²/n)
 * half   = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/(4n²))
 * </pre>
 *
 * Unlike the Wald interval p̂ ± z·√(p̂(1 − p̂)/n) it stays inside [0, 1] and is not empty at s = 0
 * or s = n, which is where spurious-minimum rates live (e.g. 0 of 1,000 runs).
 *
 * @param low lower bound, a proportion in [0, 1]
 * @param high upper bound, in [0, 1]
 */
public record WilsonInterval(double estimate, double low, double high) {
  /** z for a two-sided 95% interval: Φ⁻¹(0.975). */
  public static final double Z95 = 1.959963984540054;

  /**
   * The 95% interval.
   *
   * @throws IllegalArgumentException unless 0 ≤ successes ≤ trials and trials ≥ 1
   */
  public static WilsonInterval of95(long successes, long trials) {
    if (trials < 1 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "successes (" + successes + ") must be in [0, trials], trials (" + trials + ") >= 1");
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    // At s = 0 (s = n) the bound is exactly 0 (1); rounding would leave ±1e-17 there.
    return new WilsonInterval(
        p,
        successes == 0 ? 0 : Math.max(0, centre - half),
        successes == trials ? 1 : Math.min(1, centre + half));
  }
}
