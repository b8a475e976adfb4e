package dev.rectifier.cpu;

/**
 * The contract's formulas as loops over {@code float[]} ranges that HotSpot's C2 compiles to SIMD
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
 * {@link DoubleLoops} is this class for {@code double}: Java has no generics over primitive arrays,
 * and boxing would cost far more than the repetition.
 */
final class FloatLoops {
  private static final int POSITIVE_INFINITY_BITS = 0x7f80_0000;

  private FloatLoops() {}

  static void relu(float[] x, int xo, float[] y, int yo, int from, int to) {
    for (int i = from; i < to; i++) {
      y[yo + i] = Math.max(x[xo + i], 0f);
    }
  }

  static void leakyRelu(float[] x, int xo, float[] y, int yo, int from, int to, float a) {
    if (a > 0 && a <= 1) {
      for (int i = from; i < to; i++) {
        float v = x[xo + i];
        y[yo + i] = Math.max(v, a * v);
      }
    } else if (a > 1) {
      for (int i = from; i < to; i++) {
        float v = x[xo + i];
        y[yo + i] = Math.min(v, a * v);
      }
    } else {
      for (int i = from; i < to; i++) {
        float v = x[xo + i];
        y[yo + i] = select(v, v, a * v);
      }
    }
  }

  static void reluGrad(
      float[] x, int xo, float[] dy, int dyo, float[] dx, int dxo, int from, int to) {
    for (int i = from; i < to; i++) {
      dx[dxo + i] = select(x[xo + i], dy[dyo + i], 0f);
    }
  }

  static void leakyReluGrad(
      float[] x, int xo, float[] dy, int dyo, float[] dx, int dxo, int from, int to, float a) {
    for (int i = from; i < to; i++) {
      float g = dy[dyo + i];
      dx[dxo + i] = select(x[xo + i], g, a * g);
    }
  }

  /**
   * {@code x > 0 ? ifPositive : otherwise}, without a branch: x &gt; 0 exactly when its bits, as a
   * signed int, lie in [1, bits of +Inf] (this excludes ±0, negatives and every NaN).
   */
  private static float select(float x, float ifPositive, float otherwise) {
    int bits = Float.floatToRawIntBits(x);
    int notPositive = ((POSITIVE_INFINITY_BITS - bits) | (bits - 1)) >> 31;
    int chosen =
        (Float.floatToRawIntBits(ifPositive) & ~notPositive)
            | (Float.floatToRawIntBits(otherwise) & notPositive);
    return Float.intBitsToFloat(chosen);
  }
}
