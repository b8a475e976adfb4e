package dev.rectifier.bench;

import dev.rectifier.DeviceArray;
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
 * Kernels alone on device-resident arrays, against {@code clEnqueueCopyBuffer} of one array into
 * another on the same device. Each call returns when the device is done.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx12g")
public class DeviceOps {
  @Param({"FLOAT", "DOUBLE"})
  public Precision precision;

  @Param({"67108864"})
  public int size;

  private Rectifier rectifier;
  private DeviceArray x;
  private DeviceArray dy;
  private DeviceArray out;

  @Setup
  public void setUp() {
    rectifier = Rectifier.openCl();
    Object data = Data.normal(precision, size, 1);
    Object gradient = Data.normal(precision, size, 2);
    x = upload(data);
    dy = upload(gradient);
    out = rectifier.allocate(precision, size);
  }

  private DeviceArray upload(Object data) {
    return data instanceof double[] d ? rectifier.upload(d) : rectifier.upload((float[]) data);
  }

  @TearDown
  public void tearDown() {
    x.close();
    dy.close();
    out.close();
    rectifier.close();
  }

  @Benchmark
  public long copy() {
    return rectifier.timeCopy(x, out).orElseThrow();
  }

  @Benchmark
  public DeviceArray relu() {
    rectifier.apply(Op.RELU, x, null, out, 0);
    return out;
  }

  @Benchmark
  public DeviceArray reluGrad() {
    rectifier.apply(Op.RELU_GRAD, x, dy, out, 0);
    return out;
  }

  @Benchmark
  public DeviceArray leakyRelu() {
    rectifier.apply(Op.LEAKY_RELU, x, null, out, 0.01);
    return out;
  }

  @Benchmark
  public DeviceArray leakyReluGrad() {
    rectifier.apply(Op.LEAKY_RELU_GRAD, x, dy, out, 0.01);
    return out;
  }
}
