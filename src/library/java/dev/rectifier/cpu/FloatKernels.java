package dev.rectifier.cpu;

/**
 * The contract's ops as loops over {@code float[]} elements {@code [from, to)}, every array at the
 * same index (the output may be an input). {@link CpuBackend} runs one implementation, found once
 * per JVM by {@link Kernels#found}: {@link FloatLoops} (plain loops) or {@code FloatVectorLoops}
 * (the Vector API).
 *
 * <p>{@link DoubleKernels} is generated from this class, {@code double} for {@code float}, by the
 * build-time {@code PrecisionCodeGenerator}; edit this file and run {@code scripts/generate}.
 */
interface FloatKernels {
  /** {@code y = relu(x)}. */
  void relu(float[] x, float[] y, int from, int to);

  /** {@code y = leakyRelu(x, a)}. */
  void leakyRelu(float[] x, float[] y, int from, int to, float a);

  /** {@code dx = reluGrad(x, dy)}. */
  void reluGrad(float[] x, float[] dy, float[] dx, int from, int to);

  /** {@code dx = leakyReluGrad(x, dy, a)}. */
  void leakyReluGrad(float[] x, float[] dy, float[] dx, int from, int to, float a);

  /**
   * PReLU on {@code rows} rows of {@code length} elements, row {@code r} from {@code base + r ·
   * stride}: {@code y = x > 0 ? x : w · x}, {@code w} being {@code weights[j]} for a row's element
   * {@code j}.
   */
  void prelu(float[] x, float[] y, float[] weights, int base, int stride, int rows, int length);

  /**
   * The PReLU gradient on rows as {@link #prelu}: {@code dx = x > 0 ? dy : w · dy}, and each term
   * {@code x > 0 ? +0 : x · dy} of element {@code j} added to the compensated pair {@code (sums[j],
   * errors[j])}, row after row (see {@link dev.rectifier.backend.PreluShape}).
   */
  void preluGrad(
      float[] x,
      float[] dy,
      float[] dx,
      float[] weights,
      float[] sums,
      float[] errors,
      int base,
      int stride,
      int rows,
      int length);
}
