package dev.rectifier.bench;

import dev.rectifier.DeviceArray;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.measure.HostBaselines;
import dev.rectifier.verify.PreluCalls;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * PReLU and its gradient, {@code x} as {@code [n][channels][inner]} with seeded normal weights:
 * {@link #host} on Java arrays on the CPU backend, {@link Paired} with the host copy (prelu) or the
 * 3-array bound (preluGrad, whose weight gradient is a few numbers more), each on every thread
 * count of {@link HostBaselines}, the fastest taken; {@link #device} on device arrays of the OpenCL
 * device {@code rectifier.device} names (else the best one), paired with {@code
 * clEnqueueCopyBuffer} of x into the output; each timed call enqueues the op and waits for it
 * ({@code finish}), as {@link DeviceOps} does, so that the op's time is not counted in the copy's.
 */
@State(Scope.Benchmark)
public class PreluOps extends LargeArrayBenchmark {
  @Param({"FLOAT", "DOUBLE", "HALF", "BFLOAT16"})
  public Precision precision;

  @Param({"PRELU", "PRELU_GRAD"})
  public String op;

  @Param(SIZE)
  public int size;

  @Param("64")
  public int channels;

  @Param("1")
  public int inner;

  /** The Java arrays of the case. */
  static final class Case {
    Object x;
    Object dy;
    Object out;
    Object weight;
    Object dweight;

    void fill(PreluOps b) {
      x = Data.normal(b.precision, b.size, 1);
      dy = Data.normal(b.precision, b.size, 2);
      out = Data.zeros(x);
      // 16-bit PReLU takes float weights and returns a float weight gradient.
      weight = Data.normal(b.precision.sixteenBit() ? Precision.FLOAT : b.precision, b.channels, 3);
      dweight = Data.zeros(weight);
    }
  }

  private Case host;
  private Rectifier cpu;
  private HostBaselines baselines;
  private List<HostBaselines.Candidate> hostBaselines;
  private Rectifier device;
  private DeviceArray[] onDevice;

  @Setup
  public void setUp() {
    host = new Case();
    host.fill(this);
    cpu = Rectifier.cpu();
    baselines = new HostBaselines();
    hostBaselines =
        gradient()
            ? baselines.threeArrayBounds(host.x, host.dy, host.out)
            : baselines.copies(host.x, host.out);
  }

  @TearDown
  public void tearDown() {
    cpu.close();
    baselines.close();
    if (device != null) {
      for (DeviceArray a : onDevice) {
        a.close();
      }
      device.close();
    }
  }

  private boolean gradient() {
    return op.equals("PRELU_GRAD");
  }

  @Benchmark
  public Object host(Paired paired) throws Exception {
    paired.time(
        hostBaselines,
        () -> {
          if (precision.sixteenBit()) {
            sixteenBit();
          } else if (gradient()) {
            PreluCalls.gradient(cpu, host.x, host.dy, host.out, host.weight, inner, host.dweight);
          } else {
            PreluCalls.forward(cpu, host.x, host.out, host.weight, inner);
          }
        });
    return host.out;
  }

  /** The CPU backend's 16-bit PReLU (HALF or BFLOAT16 bits, float weights). */
  private void sixteenBit() {
    short[] x = (short[]) host.x;
    short[] out = (short[]) host.out;
    float[] weight = (float[]) host.weight;
    if (gradient()) {
      cpu.preluGrad(precision, x, (short[]) host.dy, out, weight, inner, (float[]) host.dweight);
    } else {
      cpu.prelu(precision, x, out, weight, inner);
    }
  }

  @Benchmark
  public Object device(Paired paired) throws Exception {
    if (device == null) {
      device = Rectifier.openCl();
      onDevice =
          new DeviceArray[] {
            upload(host.x),
            upload(host.dy),
            upload(host.out),
            upload(host.weight),
            upload(host.dweight)
          };
    }
    DeviceArray[] d = onDevice;
    paired.time(
        () -> device.timing().copy(d[0], d[2]).orElseThrow(),
        () -> {
          if (gradient()) {
            device.preluGrad(d[0], d[1], d[2], d[3], inner, d[4]);
          } else {
            device.prelu(d[0], d[2], d[3], inner);
          }
          device.finish();
        });
    return d[2];
  }

  private DeviceArray upload(Object data) {
    return data instanceof short[] bits
        ? device.upload(precision, bits)
        : PreluCalls.upload(device, data);
  }
}
