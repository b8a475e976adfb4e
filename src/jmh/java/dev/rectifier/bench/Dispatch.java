package dev.rectifier.bench;

import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float Leaky ReLU on Java arrays from 1K to 64M elements through {@code Rectifier.create()}
 * (auto), the CPU backend and the OpenCL device, interleaved: each call of the benchmark method
 * times a batch of calls on each of the three in turn. So the three run the same arrays through the
 * same call site, under the same load of the machine. auto and cpu swap places on every call and
 * opencl goes last, because a batch right after an OpenCL batch ran measurably slower (the first
 * version, rotating all three, made auto 6–8% slower than the same code as cpu). Measured one after
 * the other instead, identical code differed by up to 1.5× between iterations at 1K–4K elements on
 * this shared machine, and by up to 1.8× between JVMs, hiding what dispatch costs. The nanoseconds
 * and calls of each iteration are the secondary results {@link Nanos}.
 */
@State(Scope.Thread)
@Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 16, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class Dispatch extends LargeArrayBenchmark {
  /** Elements a batch covers, so that small sizes make batches of many calls. */
  private static final int ELEMENTS_PER_BATCH = 1 << 20;

  @Param({"1024", "4096", "16384", "65536", "262144", "1048576", "4194304", "16777216", "67108864"})
  public int size;

  /** Indexes into {@link #backends} (auto, cpu, opencl), one order per call, alternating. */
  private static final int[][] ORDERS = {{0, 1, 2}, {1, 0, 2}};

  private Rectifier[] backends;
  private float[] x;
  private float[] y;
  private int calls;
  private int order;

  /** Nanoseconds spent in each backend's batches, and calls per backend, in one iteration. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Nanos {
    public long auto;
    public long cpu;
    public long opencl;
    public long calls;

    @Setup(Level.Iteration)
    public void reset() {
      auto = 0;
      cpu = 0;
      opencl = 0;
      calls = 0;
    }
  }

  @Setup
  public void setUp() {
    backends = new Rectifier[] {Rectifier.create(), Rectifier.cpu(), Rectifier.openCl()};
    x = (float[]) Data.normal(Precision.FLOAT, size, 1);
    y = new float[size];
    calls = Math.max(1, ELEMENTS_PER_BATCH / size);
  }

  @TearDown
  public void tearDown() {
    for (Rectifier r : backends) {
      r.close();
    }
  }

  @Benchmark
  public float[] interleaved(Nanos nanos) {
    for (int b : ORDERS[order]) {
      long spent = batch(backends[b]);
      switch (b) {
        case 0 -> nanos.auto += spent;
        case 1 -> nanos.cpu += spent;
        default -> nanos.opencl += spent;
      }
    }
    order = 1 - order;
    nanos.calls += calls;
    return y;
  }

  private long batch(Rectifier rectifier) {
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      rectifier.leakyRelu(x, y, 0.01f);
    }
    return System.nanoTime() - start;
  }
}
