package dev.rectifier.cpu;

import dev.rectifier.half.Format16;

/**
 * The contract's ops on 16-bit elements ({@code short[]} bits of a {@link Format16}) as loops over
 * elements {@code [from, to)}, every array at the same index (the output may be an input), and the
 * conversions to and from float that PReLU's blocks and {@code convert} run. {@link CpuBackend}
 * runs the implementation {@link Kernels#found} gives: {@link ShortLoops} (plain loops), or {@code
 * ShortVectorLoops} (the Vector API) once C2 has compiled it.
 *
 * <p>Each op is the contract's: its inputs widened exactly, the float op, the result rounded once.
 * Since a 16-bit value widened and rounded back is its own bits (a NaN made quiet), relu and
 * reluGrad only pick bits, and leakyRelu and its gradient, one form, round only the other side's.
 */
interface ShortKernels {
  /** {@code y = x > 0 || isNaN(x) ? x : +0}, a NaN made quiet: relu. */
  void relu(Format16 f, short[] x, short[] y, int from, int to);

  /** {@code dx = x > 0 ? dy : +0}, a NaN {@code dy} made quiet: reluGrad. */
  void reluGrad(Format16 f, short[] x, short[] dy, short[] dx, int from, int to);

  /**
   * {@code out = x > 0 ? s : round(a · widen(s))}, a NaN {@code s} made quiet: leakyRelu ({@code s}
   * is {@code x}) and leakyReluGrad ({@code s} is {@code dy}).
   */
  void scaled(Format16 f, short[] x, short[] s, short[] out, int from, int to, float a);

  /** {@code bits[from, from + n)} widened into {@code floats[to, to + n)}. */
  void widen(Format16 f, short[] bits, int from, float[] floats, int to, int n);

  /** {@code floats[from, from + n)} rounded into {@code bits[to, to + n)}. */
  void round(Format16 f, float[] floats, int from, short[] bits, int to, int n);

  /**
   * Runs every method for both formats, writing only {@code out} and {@code floats} (each array
   * holds {@link FloatKernels#EXERCISED_LENGTH} elements), over ranges of each kind a loop takes,
   * as {@link FloatKernels#exercise} does and for the same reason.
   */
  default void exercise(short[] x, short[] dy, short[] out, float[] floats) {
    // No arrays made here (values(), a list of lengths): VectorWarmup counts allocations.
    exercise(Format16.HALF, x, dy, out, floats);
    exercise(Format16.BFLOAT16, x, dy, out, floats);
  }

  private void exercise(Format16 f, short[] x, short[] dy, short[] out, float[] floats) {
    exercise(f, x, dy, out, floats, 1);
    exercise(f, x, dy, out, floats, 64);
    exercise(f, x, dy, out, floats, FloatKernels.EXERCISED_LENGTH);
  }

  private void exercise(Format16 f, short[] x, short[] dy, short[] out, float[] floats, int n) {
    relu(f, x, out, 0, n);
    reluGrad(f, x, dy, out, 0, n);
    scaled(f, x, x, out, 0, n, 0.5f);
    scaled(f, x, dy, out, 0, n, -0.5f);
    widen(f, x, 0, floats, 0, n);
    round(f, floats, 0, out, 0, n);
  }
}
