package dev.rectifier.bench;

import dev.rectifier.Precision;
import dev.rectifier.measure.HostBaselines;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Leaky ReLU on direct {@code FloatBuffer}s, on the CPU backend and the OpenCL device {@code
 * rectifier.device} names (else the best one), {@link Paired} with the host copy of the same bytes
 * between Java arrays on each thread count of {@link HostBaselines}, the fastest taken.
 */
@State(Scope.Benchmark)
public class BufferOps extends BackendBenchmark {
  @Param(SIZE)
  public int size;

  private FloatBuffer x;
  private FloatBuffer y;
  private float[] copyFrom;
  private float[] copyTo;
  private List<HostBaselines.Candidate> copies;

  @Setup
  public void makeData() {
    copyFrom = (float[]) Data.normal(Precision.FLOAT, size, 1);
    copyTo = new float[size];
    x = direct(size).put(0, copyFrom);
    y = direct(size);
    copies = null; // made on the first call, after the superclass has opened the baselines
  }

  @Benchmark
  public Object run(Paired paired) throws Exception {
    if (copies == null) {
      copies = baselines.copies(copyFrom, copyTo);
    }
    paired.time(copies, () -> rectifier.leakyRelu(x, y, 0.01f));
    return y;
  }

  private static FloatBuffer direct(int n) {
    return ByteBuffer.allocateDirect(n * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }
}
