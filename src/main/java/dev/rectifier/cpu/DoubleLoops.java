package dev.rectifier.cpu;

/**
 * The contract's formulas as loops over {@code double[]} ranges that HotSpot's C2 compiles to SIMD
 * code: no data-dependent branch in any loop body. Each form is exact for every input, NaN, ±0,
 * ±Inf and subnormals included (NaN results may differ only in payload):
 *
 * <ul>
 *   <li>relu is {@code max(x, +0)}: Java's max returns NaN for NaN and +0 for (−0, +0).
 *   <li>leakyRelu with 0 &lt; a ≤ 1 is {@code max(x, a·x)} and with a &gt; 1 is {@code min(x,
 *       a·x)}: rounding is monotonic, so {@code a·x} never crosses {@code x}, and for x = ±0 both
 *       sides are equal with the same sign. For a ≤ 0 (where max fails at +0 and +Inf) and for the
 *       gradients, an integer mask selects between the two candidates.
 * </ul>
 *
 * This is {@link FloatLoops} for {@code double}.
 */
final class DoubleLoops {
  private static final long POSITIVE_INFINITY_BITS = 0x7ff0_0000_0000_0000L;

  private DoubleLoops() {}

  static void relu(double[] x, int xo, double[] y, int yo, int from, int to) {
    for (int i = from; i < to; i++) {
      y[yo + i] = Math.max(x[xo + i], 0d);
    }
  }

  static void leakyRelu(double[] x, int xo, double[] y, int yo, int from, int to, double a) {
    if (a > 0 && a <= 1) {
      for (int i = from; i < to; i++) {
        double v = x[xo + i];
        y[yo + i] = Math.max(v, a * v);
      }
    } else if (a > 1) {
      for (int i = from; i < to; i++) {
        double v = x[xo + i];
        y[yo + i] = Math.min(v, a * v);
      }
    } else {
      for (int i = from; i < to; i++) {
        double v = x[xo + i];
        y[yo + i] = select(v, v, a * v);
      }
    }
  }

  static void reluGrad(
      double[] x, int xo, double[] dy, int dyo, double[] dx, int dxo, int from, int to) {
    for (int i = from; i < to; i++) {
      dx[dxo + i] = select(x[xo + i], dy[dyo + i], 0d);
    }
  }

  static void leakyReluGrad(
      double[] x, int xo, double[] dy, int dyo, double[] dx, int dxo, int from, int to, double a) {
    for (int i = from; i < to; i++) {
      double g = dy[dyo + i];
      dx[dxo + i] = select(x[xo + i], g, a * g);
    }
  }

  /**
   * {@code x > 0 ? ifPositive : otherwise}, without a branch: x &gt; 0 exactly when its bits, as a
   * signed long, lie in [1, bits of +Inf] (this excludes ±0, negatives and every NaN).
   */
  private static double select(double x, double ifPositive, double otherwise) {
    long bits = Double.doubleToRawLongBits(x);
    long notPositive = ((POSITIVE_INFINITY_BITS - bits) | (bits - 1)) >> 63;
    long chosen =
        (Double.doubleToRawLongBits(ifPositive) & ~notPositive)
            | (Double.doubleToRawLongBits(otherwise) & notPositive);
    return Double.longBitsToDouble(chosen);
  }
}
