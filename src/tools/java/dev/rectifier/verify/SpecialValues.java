package dev.rectifier.verify;

import dev.rectifier.Precision;

/**
 * The contract's special values: ±0, ±smallest and largest subnormal, ±smallest normal, ±1, ±MAX,
 * ±Inf, NaN; and the slopes it is checked with.
 */
public final class SpecialValues {
  private static final double[] ALPHAS = {0, -0.0, 0.01, 0.2, 1, 5, -0.5};

  private SpecialValues() {}

  /**
   * The special values of {@code precision}, as doubles (exact values of the format): where the
   * contract's edge cases live, and good inputs for tests of code that uses rectifier. The library
   * checks every program it builds on the same values (a test holds the two equal).
   *
   * @return a new array of the 17 values
   */
  public static double[] values(Precision precision) {
    if (precision.sixteenBit()) {
      short infinity = precision.round(Float.POSITIVE_INFINITY);
      // The smallest normal's bits, the exponent field's lowest bit: what 2's bits add to 1's.
      short normal = (short) (precision.round(2f) - precision.round(1f));
      return values(
          precision.widen((short) 1),
          precision.widen((short) (normal - 1)),
          precision.widen(normal),
          precision.widen((short) (infinity - 1)));
    }
    boolean d = precision == Precision.DOUBLE;
    return values(
        d ? Double.MIN_VALUE : Float.MIN_VALUE,
        d ? Math.nextDown(Double.MIN_NORMAL) : Math.nextDown(Float.MIN_NORMAL),
        d ? Double.MIN_NORMAL : Float.MIN_NORMAL,
        d ? Double.MAX_VALUE : Float.MAX_VALUE);
  }

  /** The special values of a format with these extremes. */
  private static double[] values(
      double subnormal, double largestSubnormal, double normal, double max) {
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

  /**
   * The slopes the contract is checked with: zero of either sign (the CPU backend has a path of its
   * own for -0.0), small, one, above one, and negative.
   */
  public static double[] alphas() {
    return ALPHAS.clone();
  }
}
