package dev.rectifier.cpu;

import dev.rectifier.Backend;
import dev.rectifier.DeviceMemory;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Request;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The Java backend: branch-free loops ({@link FloatLoops}, {@link DoubleLoops}) that HotSpot
 * vectorizes. A request of fewer than {@link #PARALLEL_THRESHOLD} elements runs on the calling
 * thread; a larger one is split into slices that run on the common fork-join pool, so that all
 * cores pull on the memory bus.
 */
public final class CpuBackend implements Backend {
  /**
   * Requests shorter than this run on the calling thread: below it, handing slices to the pool
   * costs more than a second core saves (measured with {@code RectifierBenchmarks}).
   */
  static final int PARALLEL_THRESHOLD = 1 << 17;

  /** The smallest slice handed to a pool thread. */
  private static final int MIN_SLICE = 1 << 16;

  /** A loop over elements {@code [from, to)} of a request, relative to its offsets. */
  @FunctionalInterface
  private interface Loop {
    void run(int from, int to);
  }

  @Override
  public String describe() {
    return "CPU: Java, " + threads() + " threads";
  }

  @Override
  public boolean supports(Precision precision) {
    return true;
  }

  @Override
  public void run(Request r) {
    Loop loop = r.precision() == Precision.FLOAT ? floatLoop(r) : doubleLoop(r);
    int n = r.length();
    if (n < PARALLEL_THRESHOLD || threads() == 1) {
      loop.run(0, n);
      return;
    }
    // A few slices per thread, so a thread slowed by other load does not hold up the rest.
    int slice = Math.max(MIN_SLICE, ceilDiv(n, threads() * 4));
    int slices = ceilDiv(n, slice);
    IntStream.range(0, slices)
        .parallel()
        .forEach(s -> loop.run(s * slice, (int) Math.min((long) (s + 1) * slice, n)));
  }

  @Override
  public DeviceMemory allocate(Precision precision, int length) {
    return new HeapMemory(precision, length);
  }

  @Override
  public void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    HeapMemory in = (HeapMemory) x;
    if (in.length() > 0) {
      Object gradient = dy == null ? null : ((HeapMemory) dy).array();
      Object target = ((HeapMemory) out).array();
      run(new Request(op, in.array(), 0, gradient, 0, target, 0, in.length(), alpha));
    }
  }

  private static int threads() {
    return ForkJoinPool.getCommonPoolParallelism() + 1; // the pool's workers and the caller
  }

  private static int ceilDiv(int a, int b) {
    return (int) (((long) a + b - 1) / b);
  }

  private static Loop floatLoop(Request r) {
    float[] x = (float[]) r.x();
    float[] dy = (float[]) r.dy();
    float[] out = (float[]) r.out();
    float a = (float) r.alpha();
    int xo = r.xOffset();
    int dyo = r.dyOffset();
    int oo = r.outOffset();
    return switch (r.op()) {
      case RELU -> (f, t) -> FloatLoops.relu(x, xo, out, oo, f, t);
      case RELU_GRAD -> (f, t) -> FloatLoops.reluGrad(x, xo, dy, dyo, out, oo, f, t);
      case LEAKY_RELU -> (f, t) -> FloatLoops.leakyRelu(x, xo, out, oo, f, t, a);
      case LEAKY_RELU_GRAD -> (f, t) -> FloatLoops.leakyReluGrad(x, xo, dy, dyo, out, oo, f, t, a);
    };
  }

  private static Loop doubleLoop(Request r) {
    double[] x = (double[]) r.x();
    double[] dy = (double[]) r.dy();
    double[] out = (double[]) r.out();
    double a = r.alpha();
    int xo = r.xOffset();
    int dyo = r.dyOffset();
    int oo = r.outOffset();
    return switch (r.op()) {
      case RELU -> (f, t) -> DoubleLoops.relu(x, xo, out, oo, f, t);
      case RELU_GRAD -> (f, t) -> DoubleLoops.reluGrad(x, xo, dy, dyo, out, oo, f, t);
      case LEAKY_RELU -> (f, t) -> DoubleLoops.leakyRelu(x, xo, out, oo, f, t, a);
      case LEAKY_RELU_GRAD -> (f, t) -> DoubleLoops.leakyReluGrad(x, xo, dy, dyo, out, oo, f, t, a);
    };
  }

  /** Nothing to release. */
  @Override
  public void close() {}
}
