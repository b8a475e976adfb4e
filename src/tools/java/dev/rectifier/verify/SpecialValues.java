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
   * The special values of {@code precision}, as doubles (float ones are exact floats, those of HALF
   * and BFLOAT16 the format's own, exact floats too): where the contract's edge cases live, and
   * good inputs for tests of code that uses rectifier. The library checks every program it builds
   * on the same values (a test holds the two equal).
   *
   * @return a new array of the 17 values
   */
  public static double[] values(Precision precision) {
    boolean d = precision == Precision.DOUBLE;
    double subnormal = d ? Double.MIN_VALUE : Float.MIN_VALUE;
    double largestSubnormal =
        d ? Math.nextDown(Double.MIN_NORMAL) : Math.nextDown(Float.MIN_NORMAL);
    double normal = d ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    double max = d ? Double.MAX_VALUE : Float.MAX_VALUE;
    if (precision.sixteenBit()) {
      // The format's own: its bits 1, the smallest normal's less one, the smallest normal's (the
      // exponent field's lowest bit, what 2's bits add to 1's), and infinity's less one.
      short normalBits = (short) (precision.round(2f) - precision.round(1f));
      subnormal = precision.widen((short) 1);
      largestSubnormal = precision.widen((short) (normalBits - 1));
      normal = precision.widen(normalBits);
      max = precision.widen((short) (precision.round(Float.POSITIVE_INFINITY) - 1));
    }
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
