package dev.rectifier.bench;

import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float Leaky ReLU on Java arrays from 1K to 64M elements through {@code Rectifier.create()}
 * (auto), the CPU backend and the OpenCL device: auto should match the faster of the other two
 * everywhere. All three run in one JVM (no fork): auto runs the same loops and kernels as the other
 * two, and separate JVMs compile them differently enough (up to a factor of 1.8 between forks of
 * identical code, measured) to hide what dispatch costs.
 */
@Fork(0)
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class Dispatch extends LargeArrayBenchmark {
  @Param({"auto", "cpu", "opencl"})
  public String backend;

  @Param({"1024", "4096", "16384", "65536", "262144", "1048576", "4194304", "16777216", "67108864"})
  public int size;

  private Rectifier rectifier;
  private float[] x;
  private float[] y;

  @Setup
  public void setUp() {
    rectifier =
        switch (backend) {
          case "cpu" -> Rectifier.cpu();
          case "opencl" -> Rectifier.openCl();
          default -> Rectifier.create();
        };
    x = (float[]) Data.normal(Precision.FLOAT, size, 1);
    y = new float[size];
  }

  @TearDown
  public void tearDown() {
    rectifier.close();
  }

  @Benchmark
  public float[] leakyRelu() {
    rectifier.leakyRelu(x, y, 0.01f);
    return y;
  }
}
