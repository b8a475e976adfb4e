package dev.rectifier.bench;

import dev.rectifier.verify.Tensors;

/**
 * What the paths are measured against, on the paths' own arrays: a 2-thread {@code
 * System.arraycopy} (2 arrays: read 1, write 1), a 2-thread {@code out = x + dy} loop (the 3-array
 * bound: read 2, write 1), and the plain scalar Leaky ReLU loop on one thread. Arrays are {@code
 * float[]} or {@code double[]}, all of one type and length.
 */
final class Baselines {
  private Baselines() {}

  static void copy(TwoThreads threads, Object x, Object out) throws Exception {
    threads.run(Tensors.length(x), (from, to) -> System.arraycopy(x, from, out, from, to - from));
  }

  static void threeArrayBound(TwoThreads threads, Object x, Object dy, Object out)
      throws Exception {
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

  /** {@code y[i] = x[i] < 0 ? x[i] * a : x[i]}, one thread, as a user would first write it. */
  static void scalarLeakyRelu(Object x, Object out) {
    if (x instanceof double[] a) {
      double[] y = (double[]) out;
      for (int i = 0; i < a.length; i++) {
        y[i] = a[i] < 0 ? a[i] * 0.01 : a[i];
      }
    } else {
      float[] a = (float[]) x;
      float[] y = (float[]) out;
      for (int i = 0; i < a.length; i++) {
        y[i] = a[i] < 0 ? a[i] * 0.01f : a[i];
      }
    }
  }
}
