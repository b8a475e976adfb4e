package dev.rectifier.bench;

import dev.rectifier.Rectifier;
import dev.rectifier.measure.HostBaselines;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A benchmark of one backend, the CPU backend or the OpenCL device {@code rectifier.device} names
 * (else the best one), paired with a host baseline on each thread count up to the CPU backend's
 * ({@link HostBaselines}).
 */
@State(Scope.Benchmark)
public abstract class BackendBenchmark extends LargeArrayBenchmark {
  @Param({"cpu", "opencl"})
  public String backend;

  protected Rectifier rectifier;
  protected HostBaselines baselines;

  @Setup
  public void open() {
    rectifier = backend.equals("cpu") ? Rectifier.cpu() : Rectifier.openCl();
    baselines = new HostBaselines();
  }

  @TearDown
  public void close() {
    rectifier.close();
    baselines.close();
  }
}
