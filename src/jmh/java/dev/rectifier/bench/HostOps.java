package dev.rectifier.bench;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.measure.HostBaselines;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Every op on Java arrays, end to end (transfers included for OpenCL), on the CPU backend and the
 * OpenCL device {@code rectifier.device} names (else the best one), {@link Paired} with its
 * baselines on the same arrays: the host copy for relu and leakyRelu, the 3-array bound for the
 * gradients, each on every thread count of {@link HostBaselines}, the fastest taken. HALF and
 * BFLOAT16 move {@code short[]} bits, their baselines the same bytes.
 */
@State(Scope.Benchmark)
public class HostOps extends BackendBenchmark {
  @Param({"FLOAT", "DOUBLE", "HALF", "BFLOAT16"})
  public Precision precision;

  @Param({"RELU", "RELU_GRAD", "LEAKY_RELU", "LEAKY_RELU_GRAD"})
  public Op op;

  @Param(SIZE)
  public int size;

  private Object x;
  private Object dy;
  private Object out;
  private List<HostBaselines.Candidate> hostBaselines;

  @Setup
  public void makeData() {
    x = Data.normal(precision, size, 1);
    dy = op.isGradient() ? Data.normal(precision, size, 2) : null;
    out = Data.zeros(x);
    hostBaselines = null; // made on the first call, after the superclass has opened the baselines
  }

  @Benchmark
  public Object run(Paired paired) throws Exception {
    if (hostBaselines == null) {
      hostBaselines =
          op.isGradient() ? baselines.threeArrayBounds(x, dy, out) : baselines.copies(x, out);
    }
    paired.time(hostBaselines, this::apply);
    return out;
  }

  private void apply() {
    if (x instanceof short[] s) {
      rectifier.apply(op, precision, s, (short[]) dy, (short[]) out, 0.01f);
    } else if (x instanceof double[] d) {
      rectifier.apply(op, d, (double[]) dy, (double[]) out, 0.01);
    } else {
      rectifier.apply(op, (float[]) x, (float[]) dy, (float[]) out, 0.01f);
    }
  }
}
