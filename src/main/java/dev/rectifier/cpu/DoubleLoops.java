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
 *       select, which C2 compiles without a branch on unpredictable data but does not vectorize in
 *       JDK 17.
 * </ul>
 *
 * This is {@link FloatLoops} for {@code double}.
 */
final class DoubleLoops {
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
        y[i] = v > 0 ? v : a * v;
      }
    }
  }

  static void reluGrad(double[] x, double[] dy, double[] dx, int from, int to) {
    for (int i = from; i < to; i++) {
      double g = dy[i];
      dx[i] = x[i] > 0 ? g : 0d;
    }
  }

  static void leakyReluGrad(double[] x, double[] dy, double[] dx, int from, int to, double a) {
    for (int i = from; i < to; i++) {
      double g = dy[i];
      dx[i] = x[i] > 0 ? g : a * g;
    }
  }
}
