package dev.rectifier.bench;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A gradient on the CPU backend {@link Paired} with its forward op (the baseline), on arrays of 1K
 * to 64K elements, where a call's own overhead shows: 3 arrays instead of 2 should cost about 1.5
 * times as much. Each timed batch makes enough calls to cover {@link #ELEMENTS_PER_BATCH} elements,
 * so that the clock's resolution does not matter. More and shorter iterations than the large-array
 * benchmarks, for a steadier median: on this shared machine single iterations at these sizes moved
 * by 1.5x (see {@link Dispatch}). And three forks, whose iterations the report takes one median
 * over: the same code differs between JVMs here, steadily within each (six forks of leakyReluGrad
 * at 64K floats on Java 17 had medians from 0.97 to 1.78).
 */
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = "-Xmx12g")
@Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 16, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class SmallArrays extends LargeArrayBenchmark {
  private static final int ELEMENTS_PER_BATCH = 1 << 20;

  @Param({"RELU_GRAD", "LEAKY_RELU_GRAD"})
  public Op op;

  @Param({"FLOAT", "DOUBLE"})
  public Precision precision;

  @Param({"1024", "4096", "16384", "65536"})
  public int size;

  private Rectifier rectifier;
  private Op forward;
  private Object x;
  private Object dy;
  private Object out;
  private int calls;

  /** The forward op whose gradient {@code gradient} is. */
  static Op forwardOf(Op gradient) {
    return gradient == Op.RELU_GRAD ? Op.RELU : Op.LEAKY_RELU;
  }

  @Setup
  public void setUp() {
    rectifier = Rectifier.cpu();
    forward = forwardOf(op);
    x = Data.normal(precision, size, 1);
    dy = Data.normal(precision, size, 2);
    out = Data.zeros(x);
    calls = ELEMENTS_PER_BATCH / size;
  }

  @TearDown
  public void tearDown() {
    rectifier.close();
  }

  @Benchmark
  public Object run(Paired paired) throws Exception {
    paired.time(() -> batch(forward), () -> batch(op));
    return out;
  }

  private void batch(Op which) {
    Object gradient = which.isGradient() ? dy : null;
    for (int i = 0; i < calls; i++) {
      if (x instanceof double[] d) {
        rectifier.apply(which, d, (double[]) gradient, (double[]) out, 0.01);
      } else {
        rectifier.apply(which, (float[]) x, (float[]) gradient, (float[]) out, 0.01f);
      }
    }
  }
}
