package dev.rectifier.bench;

import dev.rectifier.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the CPU backend is measured against, on the same arrays: a 2-thread {@code System.arraycopy}
 * (2 arrays: read 1, write 1), a 2-thread {@code out = x + dy} loop (the 3-array bound: read 2,
 * write 1), and the plain scalar Leaky ReLU loop on one thread.
 */
@State(Scope.Benchmark)
public class CpuBaselines extends LargeArrayBenchmark {
  @Param({"FLOAT", "DOUBLE"})
  public Precision precision;

  @Param(SIZE)
  public int size;

  private Object x;
  private Object dy;
  private Object out;
  private TwoThreads threads;

  @Setup
  public void setUp() {
    x = Data.normal(precision, size, 1);
    dy = Data.normal(precision, size, 2);
    out = Data.zeros(x);
    threads = new TwoThreads();
  }

  @TearDown
  public void tearDown() {
    threads.close();
  }

  @Benchmark
  public Object copy() throws Exception {
    threads.run(size, (from, to) -> System.arraycopy(x, from, out, from, to - from));
    return out;
  }

  @Benchmark
  public Object threeArrayBound() throws Exception {
    if (x instanceof double[] a) {
      double[] b = (double[]) dy;
      double[] c = (double[]) out;
      threads.run(size, (from, to) -> add(a, b, c, from, to));
    } else {
      float[] a = (float[]) x;
      float[] b = (float[]) dy;
      float[] c = (float[]) out;
      threads.run(size, (from, to) -> add(a, b, c, from, to));
    }
    return out;
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
  @Benchmark
  public Object scalarLeakyRelu() {
    if (x instanceof double[] a) {
      double[] y = (double[]) out;
      for (int i = 0; i < size; i++) {
        y[i] = a[i] < 0 ? a[i] * 0.01 : a[i];
      }
    } else {
      float[] a = (float[]) x;
      float[] y = (float[]) out;
      for (int i = 0; i < size; i++) {
        y[i] = a[i] < 0 ? a[i] * 0.01f : a[i];
      }
    }
    return out;
  }
}
