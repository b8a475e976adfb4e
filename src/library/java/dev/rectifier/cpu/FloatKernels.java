package dev.rectifier.cpu;

/**
 * The contract's ops as loops over {@code float[]} elements {@code [from, to)}, every array at the
 * same index (the output may be an input). {@link CpuBackend} runs the implementation {@link
 * Kernels#found} gives: {@link FloatLoops} (plain loops), or {@code FloatVectorLoops} (the Vector
 * API) once C2 has compiled it.
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

  /** The longest range {@link #exercise} runs; its arrays hold two rows of it. */
  int EXERCISED_LENGTH = 71;

  /**
   * Runs every method, writing only {@code out}, {@code sums} and {@code errors} ({@code x}, {@code
   * dy} and {@code out} hold two rows of {@link #EXERCISED_LENGTH}, the others one), over ranges of
   * each kind a loop takes: shorter than any vector, a multiple of every vector length, and one
   * that leaves a remainder for each. With elements of both signs in {@code x}, no branch a caller
   * takes later is one that C2 never saw here and compiled as a trap ({@link VectorWarmup}).
   */
  default void exercise(
      float[] x, float[] dy, float[] out, float[] weights, float[] sums, float[] errors) {
    exercise(x, dy, out, weights, sums, errors, 1);
    exercise(x, dy, out, weights, sums, errors, 64);
    exercise(x, dy, out, weights, sums, errors, EXERCISED_LENGTH);
  }

  private void exercise(
      float[] x, float[] dy, float[] out, float[] weights, float[] sums, float[] errors, int n) {
    relu(x, out, 0, n);
    leakyRelu(x, out, 0, n, 0.5f);
    leakyRelu(x, out, 0, n, -0.5f);
    reluGrad(x, dy, out, 0, n);
    leakyReluGrad(x, dy, out, 0, n, 0.5f);
    prelu(x, out, weights, 0, n, 2, n);
    preluGrad(x, dy, out, weights, sums, errors, 0, n, 2, n);
  }
}
