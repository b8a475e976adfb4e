package dev.rectifier.bench;

import dev.rectifier.Precision;
import dev.rectifier.measure.HostBaselines;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Leaky ReLU on direct {@code FloatBuffer}s, on the CPU backend and the OpenCL device {@code
 * rectifier.device} names (else the best one), {@link Paired} with the 2-thread copy of the same
 * bytes between Java arrays.
 */
@State(Scope.Benchmark)
public class BufferOps extends BackendBenchmark {
  @Param(SIZE)
  public int size;

  private FloatBuffer x;
  private FloatBuffer y;
  private float[] copyFrom;
  private float[] copyTo;

  @Setup
  public void makeData() {
    copyFrom = (float[]) Data.normal(Precision.FLOAT, size, 1);
    copyTo = new float[size];
    x = direct(size).put(0, copyFrom);
    y = direct(size);
  }

  @Benchmark
  public Object run(Paired paired) throws Exception {
    paired.time(
        () -> HostBaselines.copy(threads, copyFrom, copyTo),
        () -> rectifier.leakyRelu(x, y, 0.01f));
    return y;
  }

  private static FloatBuffer direct(int n) {
    return ByteBuffer.allocateDirect(n * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }
}
