package dev.rectifier.cpu;

/**
 * The contract's formulas as loops over {@code float[]} elements {@code [from, to)}, every array at
 * the same index: that is the shape HotSpot's C2 compiles to SIMD code (it cannot prove two indexes
 * with different offsets apart, so {@link CpuBackend} stages such ranges). Each form is exact for
 * every input, NaN, ±0, ±Inf and subnormals included (NaN results may differ only in payload):
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
 * {@link DoubleLoops} is this class for {@code double}: Java has no generics over primitive arrays,
 * and boxing would cost far more than the repetition.
 */
final class FloatLoops {
  private static final int POSITIVE_INFINITY_BITS = 0x7f80_0000;

  private FloatLoops() {}

  static void relu(float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = Math.max(x[i], 0f);
    }
  }

  static void leakyRelu(float[] x, float[] y, int from, int to, float a) {
    if (a > 0 && a <= 1) {
      for (int i = from; i < to; i++) {
        float v = x[i];
        y[i] = Math.max(v, a * v);
      }
    } else if (a > 1) {
      for (int i = from; i < to; i++) {
        float v = x[i];
        y[i] = Math.min(v, a * v);
      }
    } else {
      for (int i = from; i < to; i++) {
        float v = x[i];
        y[i] = select(v, v, a * v);
      }
    }
  }

  static void reluGrad(float[] x, float[] dy, float[] dx, int from, int to) {
    for (int i = from; i < to; i++) {
      float g = dy[i];
      dx[i] = select(x[i], g, 0f);
    }
  }

  static void leakyReluGrad(float[] x, float[] dy, float[] dx, int from, int to, float a) {
    for (int i = from; i < to; i++) {
      float g = dy[i];
      dx[i] = select(x[i], g, a * g);
    }
  }

  /**
   * {@code x > 0 ? ifPositive : otherwise} without a branch, whatever the JIT's profile: x &gt; 0
   * exactly when its bits, as a signed integer, lie in [1, bits of +Inf], which leaves out ±0,
   * negatives and every NaN. (The plain select compiles to a branch when the profile says so, and
   * mispredicts on real data.)
   */
  private static float select(float x, float ifPositive, float otherwise) {
    int bits = Float.floatToRawIntBits(x);
    int notPositive = ((POSITIVE_INFINITY_BITS - bits) | (bits - 1)) >> 31;
    return Float.intBitsToFloat(
        (Float.floatToRawIntBits(ifPositive) & ~notPositive)
            | (Float.floatToRawIntBits(otherwise) & notPositive));
  }
}
