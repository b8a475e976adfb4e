package dev.rectifier.bench;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first {@link #CALLS} calls of an op on {@link #SIZE} floats in a fresh JVM, as a short-lived
 * program makes them: one batch per fork, nothing warmed, in a JVM with the Vector API module
 * ({@link #vectorModule}) and in one without it ({@link #plainLoops}), whose CPU backend runs the
 * plain loops. The forks name their JVM options themselves, so neither inherits this JVM's {@code
 * --add-modules}; the report takes the median over forks of each and their ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStart {
  /** Calls in the one timed batch. */
  static final int CALLS = 2000;

  /** Elements per array. */
  static final int SIZE = 1024;

  private static final int FORKS = 12;

  @Param({"RELU", "LEAKY_RELU", "RELU_GRAD", "LEAKY_RELU_GRAD"})
  public Op op;

  private Rectifier rectifier;
  private float[] x;
  private float[] dy;
  private float[] out;

  @Setup
  public void setUp() {
    rectifier = Rectifier.cpu();
    x = (float[]) Data.normal(Precision.FLOAT, SIZE, 1);
    dy = op.isGradient() ? (float[]) Data.normal(Precision.FLOAT, SIZE, 2) : null;
    out = new float[SIZE];
  }

  @TearDown
  public void tearDown() {
    rectifier.close();
  }

  @Benchmark
  @Fork(
      value = FORKS,
      jvmArgs = {"-Xmx1g", "--add-modules=jdk.incubator.vector"})
  public float[] vectorModule() {
    return batch();
  }

  @Benchmark
  @Fork(value = FORKS, jvmArgs = "-Xmx1g")
  public float[] plainLoops() {
    return batch();
  }

  private float[] batch() {
    for (int i = 0; i < CALLS; i++) {
      rectifier.apply(op, x, dy, out, 0.01f);
    }
    return out;
  }
}
