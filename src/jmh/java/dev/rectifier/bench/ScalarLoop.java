package dev.rectifier.bench;

import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU backend's Leaky ReLU {@link Paired} with the plain scalar loop a user would first write
 * ({@link #scalarLeakyRelu}), on the same arrays.
 */
@State(Scope.Benchmark)
public class ScalarLoop extends LargeArrayBenchmark {
  @Param({"FLOAT", "DOUBLE"})
  public Precision precision;

  @Param(SIZE)
  public int size;

  private Rectifier rectifier;
  private Object x;
  private Object out;

  @Setup
  public void setUp() {
    rectifier = Rectifier.cpu();
    x = Data.normal(precision, size, 1);
    out = Data.zeros(x);
  }

  @TearDown
  public void tearDown() {
    rectifier.close();
  }

  @Benchmark
  public Object run(Paired paired) throws Exception {
    paired.time(() -> scalarLeakyRelu(x, out), this::leakyRelu);
    return out;
  }

  private void leakyRelu() {
    if (x instanceof double[] d) {
      rectifier.leakyRelu(d, (double[]) out, 0.01);
    } else {
      rectifier.leakyRelu((float[]) x, (float[]) out, 0.01f);
    }
  }

  /** {@code y[i] = x[i] < 0 ? x[i] * a : x[i]}, one thread, as a user would first write it. */
  private static void scalarLeakyRelu(Object x, Object out) {
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
