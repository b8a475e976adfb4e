package dev.rectifier.cpu;

/**
 * The contract's four ops as loops over {@code float[]} elements {@code [from, to)}, every array at
 * the same index (the output may be an input). {@link CpuBackend} runs one implementation, found
 * once per JVM by {@link Kernels#found}: {@link FloatLoops} (plain loops) or {@code
 * FloatVectorLoops} (the Vector API).
 *
 * <p>{@link DoubleKernels} is generated from this class, {@code double} for {@code float}, by the
 * test-side {@code PrecisionCodeGenerator}; edit this file and run {@code scripts/generate}.
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
}
