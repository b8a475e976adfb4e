package dev.rectifier.cpu;

/**
 * The contract's formulas as loops over {@code double[]} elements {@code [from, to)}, every array
 * at the same index: that is the shape HotSpot's C2 compiles to SIMD code (it cannot prove two
 * indexes with different offsets apart, so {@link CpuBackend} stages such ranges). Each form is
 * exact for every input, NaN, ±0, ±Inf and subnormals included (NaN results may differ only in
 * payload):
 *
 * <ul>
 *   <li>relu is {@code max(x, +0)}: Java's max returns NaN for NaN and +0 for (−0, +0).
 *   <li>leakyRelu with 0 &lt; a ≤ 1 is {@code max(x, a·x)} and with a &gt; 1 is {@code min(x,
 *       a·x)}: rounding is monotonic, so {@code a·x} never crosses {@code x}, and for x = ±0 both
 *       sides are equal with the same sign. These vectorize.
 *   <li>leakyRelu with a ≤ 0 (where max fails at +0 and +Inf) and the gradients are the contract's
 *       select, done on the bits so that it never branches; C2 in JDK 17 does not vectorize it.
 * </ul>
 *
 * This is {@link FloatLoops} for {@code double}.
 */
final class DoubleLoops {
  private static final long POSITIVE_INFINITY_BITS = 0x7ff0_0000_0000_0000L;

  private DoubleLoops() {}

  static void relu(double[] x, double[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = Math.max(x[i], 0d);
    }
  }

  static void leakyRelu(double[] x, double[] y, int from, int to, double a) {
    if (a > 0 && a <= 1) {
      for (int i = from; i < to; i++) {
        double v = x[i];
        y[i] = Math.max(v, a * v);
      }
    } else if (a > 1) {
      for (int i = from; i < to; i++) {
        double v = x[i];
        y[i] = Math.min(v, a * v);
      }
    } else {
      for (int i = from; i < to; i++) {
        double v = x[i];
        y[i] = select(v, v, a * v);
      }
    }
  }

  static void reluGrad(double[] x, double[] dy, double[] dx, int from, int to) {
    for (int i = from; i < to; i++) {
      double g = dy[i];
      dx[i] = select(x[i], g, 0d);
    }
  }

  static void leakyReluGrad(double[] x, double[] dy, double[] dx, int from, int to, double a) {
    for (int i = from; i < to; i++) {
      double g = dy[i];
      dx[i] = select(x[i], g, a * g);
    }
  }

  /**
   * {@code x > 0 ? ifPositive : otherwise} without a branch, whatever the JIT's profile: x &gt; 0
   * exactly when its bits, as a signed integer, lie in [1, bits of +Inf], which leaves out ±0,
   * negatives and every NaN. (The plain select compiles to a branch when the profile says so, and
   * mispredicts on real data.)
   */
  private static double select(double x, double ifPositive, double otherwise) {
    long bits = Double.doubleToRawLongBits(x);
    long notPositive = ((POSITIVE_INFINITY_BITS - bits) | (bits - 1)) >> 63;
    return Double.longBitsToDouble(
        (Double.doubleToRawLongBits(ifPositive) & ~notPositive)
            | (Double.doubleToRawLongBits(otherwise) & notPositive));
  }
}
