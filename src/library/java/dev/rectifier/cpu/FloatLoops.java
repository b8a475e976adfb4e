package dev.rectifier.cpu;

/**
 * The contract's ops (docs/contract.md) as plain loops over {@code float[]} elements {@code [from,
 * to)}: the {@link FloatKernels} used when the Vector API is not there, and with it for relu and
 * leakyRelu with a &gt; 0 (see {@link FloatVectorLoops}). Every array at the same index is the
 * shape HotSpot's C2 compiles to SIMD code (it cannot prove two indexes with different offsets
 * apart, so {@link CpuBackend} stages such ranges). Each form is exact for every input, NaN, ±0,
 * ±Inf and subnormals included (NaN results may differ only in payload):
 *
 * <ul>
 *   <li>relu is {@code max(x, +0)}: Java's max returns NaN for NaN and +0 for (−0, +0).
 *   <li>leakyRelu with 0 &lt; a ≤ 1 is {@code max(x, a·x)} and with a &gt; 1 is {@code min(x,
 *       a·x)}: rounding is monotonic, so {@code a·x} never crosses {@code x}, and for x = ±0 both
 *       sides are equal with the same sign. These vectorize.
 *   <li>leakyReluGrad is {@code dy · slope(x)}, the slope being exactly 1 or a and computed with
 *       float arithmetic only, which vectorizes. The slope is NaN for a NaN x, so a block where
 *       that happened is patched afterwards with {@code a·dy}; when dx is dy, whose values the
 *       patch would need, the block is first scanned for NaN (a block is in cache after the scan).
 *       a = −0, where {@code 0 + a} loses the sign, takes the select below.
 *   <li>leakyRelu with a ≤ 0 (where max fails at +0 and +Inf) and reluGrad are the contract's
 *       select, done on the bits so that it never branches; C2 in JDK 17 does not vectorize it (nor
 *       anything that turns a float's bits into an integer or back).
 * </ul>
 *
 * <p>{@link DoubleLoops} is generated from this class, {@code double} for {@code float}, by the
 * build-time {@code PrecisionCodeGenerator}: Java has no generics over primitive arrays, and boxing
 * would cost far more than the repetition. Edit this class, never DoubleLoops, then run {@code
 * scripts/generate} to regenerate and format DoubleLoops; {@code DoubleTwinsGeneratedTest} fails
 * while the two disagree.
 */
final class FloatLoops implements FloatKernels {
  /** The one instance: the loops keep no state. */
  static final FloatLoops INSTANCE = new FloatLoops();

  /** 2^100: applied twice, it takes the smallest positive subnormal, 2^−149, to 2^51 ≥ 1. */
  private static final float TO_ONE = 0x1p100f;

  private static final int POSITIVE_INFINITY_BITS = 0x7f80_0000;

  private FloatLoops() {}

  @Override
  public void relu(float[] x, float[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] = Math.max(x[i], 0f);
    }
  }

  @Override
  public void leakyRelu(float[] x, float[] y, int from, int to, float a) {
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

  @Override
  public void reluGrad(float[] x, float[] dy, float[] dx, int from, int to) {
    for (int i = from; i < to; i++) {
      float g = dy[i];
      dx[i] = select(x[i], g, 0f);
    }
  }

  @Override
  public void leakyReluGrad(float[] x, float[] dy, float[] dx, int from, int to, float a) {
    if (isNegativeZero(a) || (dx == dy && containsNaN(x, from, to))) {
      for (int i = from; i < to; i++) {
        float g = dy[i];
        dx[i] = select(x[i], g, a * g);
      }
      return;
    }
    float slopes = 0f; // NaN when some x was NaN
    for (int i = from; i < to; i++) {
      float slope = slope(x[i], a);
      slopes = Math.max(slopes, slope);
      dx[i] = dy[i] * slope;
    }
    if (Float.isNaN(slopes)) {
      patchNaNInputs(x, dy, dx, from, to, a);
    }
  }

  /**
   * 1 for x &gt; 0 and a otherwise, exactly, for every x but NaN and every finite a but −0. {@code
   * positive} is 1 for x &gt; 0 (scaled up, then clamped) and +0 for x ≤ 0 (Java's max(−0, +0) is
   * +0); then {@code positive + (1 − positive)·a} is 1 + (±0) = 1 or 0 + a = a, and {@code dy·1} is
   * dy to the bit.
   */
  private static float slope(float x, float a) {
    float positive = Math.min(Math.max(x * TO_ONE * TO_ONE, 0f), 1f);
    return positive + (1f - positive) * a;
  }

  /**
   * Sets {@code a·dy} where x is NaN, after the slope loop made those results NaN; dx is not dy
   * here. Where dx is x, the NaN x became a NaN result and stays NaN, and the other NaN results
   * (from a NaN dy, or a = 0 times an infinite dy) are NaN as {@code a·dy} too.
   */
  private static void patchNaNInputs(float[] x, float[] dy, float[] dx, int from, int to, float a) {
    for (int i = from; i < to; i++) {
      if (Float.isNaN(x[i])) {
        dx[i] = a * dy[i];
      }
    }
  }

  @Override
  public void prelu(
      float[] x, float[] y, float[] weights, int base, int stride, int rows, int length) {
    for (int r = 0; r < rows; r++) {
      preluColumns(x, y, weights, base + r * stride, 0, length);
    }
  }

  /** PReLU on columns {@code [from, to)} of the row that starts at {@code at}. */
  static void preluColumns(float[] x, float[] y, float[] weights, int at, int from, int to) {
    for (int j = from; j < to; j++) {
      float v = x[at + j];
      y[at + j] = select(v, v, weights[j] * v);
    }
  }

  @Override
  public void preluGrad(
      float[] x,
      float[] dy,
      float[] dx,
      float[] weights,
      float[] sums,
      float[] errors,
      int base,
      int stride,
      int rows,
      int length) {
    for (int r = 0; r < rows; r++) {
      preluGradColumns(x, dy, dx, weights, sums, errors, base + r * stride, 0, length);
    }
  }

  /**
   * The PReLU gradient on columns {@code [from, to)} of the row that starts at {@code at}: dx, and
   * each term added to its column's compensated pair.
   */
  static void preluGradColumns(
      float[] x,
      float[] dy,
      float[] dx,
      float[] weights,
      float[] sums,
      float[] errors,
      int at,
      int from,
      int to) {
    for (int j = from; j < to; j++) {
      float v = x[at + j];
      float g = dy[at + j];
      dx[at + j] = select(v, g, weights[j] * g);
      float term = select(v, 0f, v * g);
      float s = sums[j];
      float sum = s + term;
      float bb = sum - s;
      errors[j] += (s - (sum - bb)) + (term - bb);
      sums[j] = sum;
    }
  }

  private static boolean containsNaN(float[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Float.isNaN(x[i])) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNegativeZero(float a) {
    return Float.floatToRawIntBits(a) == Float.floatToRawIntBits(-0f);
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
