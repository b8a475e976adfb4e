package dev.rectifier.measure;

/**
 * What memory-bound work on the host is measured against, on {@link TwoThreads}: the copy baseline
 * (2 arrays: read 1, write 1) and the 3-array bound, {@code out[i] = x[i] + dy[i]} (read 2, write
 * 1). The CLI's bench and the JMH speed report both take their ratios against these.
 *
 * <p>The copy baseline is the fastest copy Java does on the machines rectifier is measured on,
 * chosen once by measurement and fixed here (choosing the best of several in every run would bias
 * the baseline by the noise): the plain loop {@code target[i] = source[i]}, which C2 compiles to
 * SIMD loads and stores. On 64M floats and 32M doubles, 2 threads, in 36 rounds each timed between
 * two {@code System.arraycopy} runs, its speed over {@code System.arraycopy}'s had a median of 1.05
 * (float) and 1.04 (double), and a {@code FloatVector} load/store loop's 1.04 and 1.02: arraycopy
 * understates what memory allows.
 */
public final class HostBaselines {
  /** What the copy baseline is, for the output. */
  public static final String COPY_DESCRIPTION = "host copy loop on 2 threads";

  private HostBaselines() {}

  /**
   * Copies {@code source} into {@code target}: {@code float[]} or {@code double[]} arrays of one
   * type and length.
   */
  public static void copy(TwoThreads threads, Object source, Object target) {
    if (source instanceof double[] a) {
      double[] b = (double[]) target;
      threads.run(a.length, (from, to) -> copy(a, b, from, to));
    } else {
      float[] a = (float[]) source;
      float[] b = (float[]) target;
      threads.run(a.length, (from, to) -> copy(a, b, from, to));
    }
  }

  /**
   * {@code out[i] = x[i] + dy[i]}: {@code float[]} or {@code double[]} arrays, all of one type and
   * length.
   */
  public static void threeArrayBound(TwoThreads threads, Object x, Object dy, Object out) {
    if (x instanceof double[] a) {
      double[] b = (double[]) dy;
      double[] c = (double[]) out;
      threads.run(a.length, (from, to) -> add(a, b, c, from, to));
    } else {
      float[] a = (float[]) x;
      float[] b = (float[]) dy;
      float[] c = (float[]) out;
      threads.run(a.length, (from, to) -> add(a, b, c, from, to));
    }
  }

  private static void copy(float[] a, float[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      b[i] = a[i];
    }
  }

  private static void copy(double[] a, double[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      b[i] = a[i];
    }
  }

  private static void add(float[] a, float[] b, float[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      c[i] = a[i] + b[i];
    }
  }

  private static void add(double[] a, double[] b, double[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      c[i] = a[i] + b[i];
    }
  }
}
