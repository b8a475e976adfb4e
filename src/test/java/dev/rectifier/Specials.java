package dev.rectifier;

/**
 * The contract's special values: ±0, ±smallest subnormal, ±smallest normal, ±1, ±MAX, ±Inf, NaN.
 */
final class Specials {
  private Specials() {}

  /** The special values of {@code precision}, as doubles (float ones are exact floats). */
  static double[] values(Precision precision) {
    boolean d = precision == Precision.DOUBLE;
    double subnormal = d ? Double.MIN_VALUE : Float.MIN_VALUE;
    double normal = d ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    double max = d ? Double.MAX_VALUE : Float.MAX_VALUE;
    double largestSubnormal =
        d ? Math.nextDown(Double.MIN_NORMAL) : Math.nextDown(Float.MIN_NORMAL);
    return new double[] {
      0.0,
      -0.0,
      subnormal,
      -subnormal,
      largestSubnormal,
      -largestSubnormal,
      normal,
      -normal,
      1.0,
      -1.0,
      0.5,
      -2.5,
      max,
      -max,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NaN
    };
  }

  /** The slopes the contract tests: zero, small, one, above one, and negative. */
  static final double[] ALPHAS = {0, 0.01, 0.2, 1, 5, -0.5};
}
