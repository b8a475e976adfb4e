package dev.rectifier.measure;

import java.lang.reflect.Array;

/**
 * What memory-bound work on the host is measured against, on {@link TwoThreads}: the copy baseline,
 * {@code System.arraycopy} of one array into another (2 arrays: read 1, write 1), and the 3-array
 * bound, {@code out[i] = x[i] + dy[i]} (read 2, write 1). The CLI's bench and the JMH speed report
 * both take their ratios against these.
 */
public final class HostBaselines {
  /** What the copy baseline is, for the output. */
  public static final String COPY_DESCRIPTION = "host System.arraycopy on 2 threads";

  private HostBaselines() {}

  /** Copies {@code source} into {@code target}, primitive arrays of one type and length. */
  public static void copy(TwoThreads threads, Object source, Object target) {
    threads.run(
        Array.getLength(source),
        (from, to) -> System.arraycopy(source, from, target, from, to - from));
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
