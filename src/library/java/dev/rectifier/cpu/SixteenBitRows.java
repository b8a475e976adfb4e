package dev.rectifier.cpu;

import dev.rectifier.half.Format16;

/**
 * PReLU's loops on rows of 16-bit elements, as the contract computes them: a chunk of rows at a
 * time widened into the thread's float blocks, the float loops run there, their output rounded
 * back. The float loops see the rows in the same order as on a widened copy of the whole array, so
 * the weight gradient's sums are the float PReLU's, to the bit, without that copy.
 *
 * @param format the elements' format
 * @param shorts the conversions
 * @param floats the float loops
 */
record SixteenBitRows(Format16 format, ShortKernels shorts, FloatKernels floats) {
  /** Floats per block: at least a tile's row ({@link CpuPrelu#TILE}), and in the L1 or L2 cache. */
  private static final int BLOCK = 1 << 13;

  /** Per thread: the blocks of x (and the output) and of dy. */
  private static final ThreadLocal<float[][]> BLOCKS =
      ThreadLocal.withInitial(() -> new float[2][BLOCK]);

  /** {@link FloatKernels#prelu} on the rows, widened and rounded back. */
  void prelu(short[] x, short[] y, float[] weights, int base, int stride, int rows, int length) {
    float[][] b = BLOCKS.get();
    int chunk = BLOCK / length;
    for (int r = 0; r < rows; r += chunk) {
      int n = Math.min(chunk, rows - r);
      int at = base + r * stride;
      widen(x, at, stride, n, length, b[0]);
      floats.prelu(b[0], b[0], weights, 0, length, n, length);
      round(b[0], y, at, stride, n, length);
    }
  }

  /** {@link FloatKernels#preluGrad} on the rows, widened and rounded back; the sums as its. */
  void preluGrad(
      short[] x,
      short[] dy,
      short[] dx,
      float[] weights,
      float[] sums,
      float[] errors,
      int base,
      int stride,
      int rows,
      int length) {
    float[][] b = BLOCKS.get();
    int chunk = BLOCK / length;
    for (int r = 0; r < rows; r += chunk) {
      int n = Math.min(chunk, rows - r);
      int at = base + r * stride;
      widen(x, at, stride, n, length, b[0]);
      widen(dy, at, stride, n, length, b[1]);
      floats.preluGrad(b[0], b[1], b[0], weights, sums, errors, 0, length, n, length);
      round(b[0], dx, at, stride, n, length);
    }
  }

  /** {@code rows} rows of {@code length} bits from {@code at}, widened one after another. */
  private void widen(short[] bits, int at, int stride, int rows, int length, float[] block) {
    if (stride == length) {
      shorts.widen(format, bits, at, block, 0, rows * length);
      return;
    }
    for (int r = 0; r < rows; r++) {
      shorts.widen(format, bits, at + r * stride, block, r * length, length);
    }
  }

  /** The reverse of {@link #widen}: the block's rows rounded into their places. */
  private void round(float[] block, short[] bits, int at, int stride, int rows, int length) {
    if (stride == length) {
      shorts.round(format, block, 0, bits, at, rows * length);
      return;
    }
    for (int r = 0; r < rows; r++) {
      shorts.round(format, block, r * length, bits, at + r * stride, length);
    }
  }
}
