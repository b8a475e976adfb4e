package dev.rectifier.cpu;

import dev.rectifier.half.Format16;

/**
 * The {@link ShortKernels} as plain loops, the ones used without the Vector API, and the scalar
 * steps that {@code ShortVectorLoops} runs on the last elements, fewer than a vector. The select is
 * made on the bits, without a branch; the conversions are {@link Format16}'s.
 */
final class ShortLoops implements ShortKernels {
  /** The one instance: the loops keep no state. */
  static final ShortLoops INSTANCE = new ShortLoops();

  private ShortLoops() {}

  @Override
  public void relu(Format16 f, short[] x, short[] y, int from, int to) {
    int infinity = f.infinity();
    int quiet = f.quietBit();
    for (int i = from; i < to; i++) {
      short v = x[i];
      y[i] = pick(v, v, 0, infinity, quiet, true);
    }
  }

  @Override
  public void reluGrad(Format16 f, short[] x, short[] dy, short[] dx, int from, int to) {
    int infinity = f.infinity();
    int quiet = f.quietBit();
    for (int i = from; i < to; i++) {
      dx[i] = pick(x[i], dy[i], 0, infinity, quiet, false);
    }
  }

  @Override
  public void scaled(Format16 f, short[] x, short[] s, short[] out, int from, int to, float a) {
    int infinity = f.infinity();
    int quiet = f.quietBit();
    for (int i = from; i < to; i++) {
      short g = s[i];
      out[i] = pick(x[i], g, f.round(a * f.widen(g)), infinity, quiet, false);
    }
  }

  @Override
  public void widen(Format16 f, short[] bits, int from, float[] floats, int to, int n) {
    f.widen(bits, from, floats, to, n);
  }

  @Override
  public void round(Format16 f, float[] floats, int from, short[] bits, int to, int n) {
    f.round(floats, from, bits, to, n);
  }

  /**
   * {@code x > 0 ? s : otherwise} on 16-bit bits ({@code x} and {@code s} sign-extended), a NaN
   * {@code s} made quiet, and where {@code nanKeeps} a NaN {@code x} counted as positive: x &gt; 0
   * exactly when, as a signed integer, it lies in [1, {@code infinity}], which leaves out ±0,
   * negatives and every NaN; a value is NaN when its magnitude lies above {@code infinity}.
   */
  static short pick(int x, int s, int otherwise, int infinity, int quiet, boolean nanKeeps) {
    int notPositive = ((infinity - x) | (x - 1)) >> 31;
    if (nanKeeps) {
      notPositive &= ~((infinity - (x & 0x7FFF)) >> 31);
    }
    int nan = (infinity - (s & 0x7FFF)) >> 31;
    return (short) (((s | (nan & quiet)) & ~notPositive) | (otherwise & notPositive));
  }
}
