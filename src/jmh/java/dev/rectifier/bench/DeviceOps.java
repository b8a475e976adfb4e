package dev.rectifier.bench;

import dev.rectifier.DeviceArray;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Every op alone on device-resident arrays of the OpenCL device {@code rectifier.device} names
 * (else the best one), {@link Paired} with {@code clEnqueueCopyBuffer} of x into the output (the
 * device's copy bandwidth). Each timed call enqueues the op and waits for it ({@code finish}).
 */
@State(Scope.Benchmark)
public class DeviceOps extends LargeArrayBenchmark {
  @Param({"RELU", "RELU_GRAD", "LEAKY_RELU", "LEAKY_RELU_GRAD"})
  public Op op;

  @Benchmark
  public DeviceArray run(DeviceData d, Paired paired) throws Exception {
    paired.time(
        () -> d.rectifier.timing().copy(d.x, d.out).orElseThrow(),
        () -> {
          d.rectifier.apply(op, d.x, op.isGradient() ? d.dy : null, d.out, 0.01);
          d.rectifier.finish();
        });
    return d.out;
  }

  /** Random x and dy and an output, all on the device. */
  @State(Scope.Benchmark)
  public static class DeviceData {
    @Param({"FLOAT", "DOUBLE"})
    public Precision precision;

    @Param(SIZE)
    public int size;

    Rectifier rectifier;
    DeviceArray x;
    DeviceArray dy;
    DeviceArray out;

    @Setup
    public void setUp() {
      rectifier = Rectifier.openCl();
      x = upload(Data.normal(precision, size, 1));
      dy = upload(Data.normal(precision, size, 2));
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
  }
}
