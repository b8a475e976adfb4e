package dev.rectifier.cpu;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.CallThreads;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.DoubleRequest;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.PreluMemories;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.Request;
import dev.rectifier.backend.ShortRequest;
import dev.rectifier.half.Format16;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.util.OptionalLong;

/**
 * The Java backend: the {@link Kernels} this JVM has (Vector API loops, or plain loops that HotSpot
 * vectorizes where it can), over blocks of {@link #BLOCK} elements. Ranges at different offsets go
 * through per-thread scratch blocks, so the loops always see one index. A request of fewer than
 * {@link #PARALLEL_THRESHOLD} elements runs on the calling thread; a larger one is split into
 * slices that run on its {@link CallThreads}, by default the caller and the common fork-join pool,
 * so that all cores pull on the memory bus. On Java 22 and later, ops on direct buffers run on the
 * buffers' memory ({@link #runInPlace}).
 */
public final class CpuBackend implements Backend {
  /**
   * Requests shorter than this run on the calling thread: below it, handing slices to the pool
   * costs more than a second core saves (measured with {@code RectifierBenchmarks}).
   */
  static final int PARALLEL_THRESHOLD = 1 << 17;

  /** The smallest slice handed to a pool thread. */
  private static final int MIN_SLICE = 1 << 16;

  /**
   * Elements per call of a loop method: short calls make the loop methods hot, and compiled, within
   * the first large request, and bound the staging blocks.
   */
  private static final int BLOCK = 1 << 13;

  /** A loop over elements {@code [from, to)} of a request, relative to its offsets. */
  @FunctionalInterface
  interface Loop {
    void run(int from, int to);
  }

  private final CallThreads threads;

  /** A backend whose calls use the caller and the common fork-join pool. */
  public CpuBackend() {
    this(CallThreads.COMMON);
  }

  /** A backend whose calls use {@code threads}. */
  public CpuBackend(CallThreads threads) {
    this.threads = threads;
  }

  @Override
  public String describe() {
    return "CPU: Java, " + threads + ", " + Kernels.found().description();
  }

  @Override
  public CallThreads callThreads() {
    return threads;
  }

  @Override
  public boolean supports(Precision precision) {
    return true;
  }

  @Override
  public void run(Request r) {
    Loop loop;
    if (r instanceof FloatRequest f) {
      loop = floatLoop(f);
    } else if (r instanceof DoubleRequest d) {
      loop = doubleLoop(d);
    } else {
      loop = sixteenBitLoop((ShortRequest) r);
    }
    run(loop, r.length());
  }

  /**
   * Runs {@code op} on the buffers' own memory where this JVM has {@link BufferKernels} (Java 22
   * and later, with the Vector API loops) and some buffer has no Java array to run on in place
   * (direct or read-only); else returns false, and the caller stages them through arrays.
   */
  @Override
  public boolean runInPlace(
      Precision precision, Op op, Buffer x, Buffer dy, Buffer out, double alpha) {
    if (precision.sixteenBit()) {
      return false; // staged through arrays, widened a block at a time
    }
    Kernels k = Kernels.found();
    BufferKernels buffers = x instanceof FloatBuffer ? k.floatBuffers() : k.doubleBuffers();
    if (buffers == null || (x.hasArray() && (dy == null || dy.hasArray()) && out.hasArray())) {
      return false;
    }
    run(buffers.loop(op, x, dy, out, alpha), x.remaining());
    return true;
  }

  /** Runs {@code loop} over {@code [0, n)}: on this thread, or in slices on its threads. */
  private void run(Loop loop, int n) {
    int count = threads.count();
    if (n < PARALLEL_THRESHOLD || count == 1) {
      inBlocks(loop, 0, n);
      return;
    }
    // A few slices per thread, so a thread slowed by other load does not hold up the rest.
    int slice = Math.max(MIN_SLICE, ceilDiv(n, count * 4));
    int slices = ceilDiv(n, slice);
    threads.forEach(
        slices, s -> inBlocks(loop, s * slice, (int) Math.min((long) (s + 1) * slice, n)));
  }

  @Override
  public void prelu(PreluRequest r) {
    CallThreads on = r.shape().length() >= PARALLEL_THRESHOLD ? threads : CallThreads.CALLER;
    Kernels k = Kernels.found();
    if (r.precision() == Precision.FLOAT) {
      CpuPrelu.floats(k.floats()).run(r, on);
    } else if (r.precision() == Precision.DOUBLE) {
      CpuPrelu.doubles(k.doubles()).run(r, on);
    } else {
      Format16 format = Format16.of(r.precision());
      CpuPrelu.sixteenBit(new SixteenBitRows(format, k.shorts(), k.floats())).run(r, on);
    }
  }

  /** Runs on the Java arrays behind the memories; the CPU backend has no device clock. */
  @Override
  public OptionalLong prelu(PreluMemories m, boolean timed) {
    prelu(
        new PreluRequest(
            array(m.x()),
            array(m.dy()),
            array(m.out()),
            array(m.weight()),
            m.shape(),
            array(m.dweight())));
    return OptionalLong.empty();
  }

  private static HostRange array(DeviceMemory memory) {
    return memory == null ? null : ((HeapMemory) memory).array();
  }

  private static void inBlocks(Loop loop, int from, int to) {
    for (int b = from; b < to; b += BLOCK) {
      loop.run(b, Math.min(b + BLOCK, to));
    }
  }

  @Override
  public DeviceMemory allocate(Precision precision, int length) {
    return new HeapMemory(precision, length);
  }

  @Override
  public void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    Request r = ((HeapMemory) x).request(op, (HeapMemory) dy, (HeapMemory) out, alpha);
    if (r.length() > 0) {
      run(r);
    }
  }

  /** Converts between the Java arrays, in slices on this backend's threads. */
  @Override
  public boolean convert(DeviceMemory source, DeviceMemory target, Precision format) {
    HostRange from = ((HeapMemory) source).array();
    HostRange to = ((HeapMemory) target).array();
    Format16 f = Format16.of(format);
    ShortKernels k = Kernels.found().shorts();
    if (from.floats() != null) {
      run((a, b) -> k.round(f, from.floats(), a, to.shorts(), a, b - a), from.length());
    } else {
      run((a, b) -> k.widen(f, from.shorts(), a, to.floats(), a, b - a), from.length());
    }
    return true;
  }

  /** Copies with {@link System#arraycopy}; the CPU backend has no device clock. */
  @Override
  public OptionalLong timeCopy(DeviceMemory source, DeviceMemory target) {
    source.copyTo(0, target, 0, ((HeapMemory) source).array().length());
    return OptionalLong.empty();
  }

  private static int ceilDiv(int a, int b) {
    return (int) (((long) a + b - 1) / b);
  }

  /**
   * A loop of {@link FloatKernels}, {@link DoubleKernels} or {@link ShortKernels} ({@code A} is
   * {@code float[]}, {@code double[]} or {@code short[]}): elements {@code [from, to)} of arrays at
   * the same index.
   */
  @FunctionalInterface
  private interface Kernel<A> {
    void run(A x, A dy, A out, int from, int to);
  }

  /** Per thread: two blocks that inputs at other offsets than the output are copied into. */
  private static final ThreadLocal<float[][]> FLOAT_SCRATCH =
      ThreadLocal.withInitial(() -> new float[2][BLOCK]);

  private static final ThreadLocal<double[][]> DOUBLE_SCRATCH =
      ThreadLocal.withInitial(() -> new double[2][BLOCK]);

  private static Loop floatLoop(FloatRequest r) {
    return loop(r, r.x(), r.dy(), r.out(), floatKernel(r.op(), r.alpha()), FLOAT_SCRATCH);
  }

  private static Kernel<float[]> floatKernel(Op op, float a) {
    FloatKernels k = Kernels.found().floats();
    return switch (op) {
      case RELU -> (x, dy, y, f, t) -> k.relu(x, y, f, t);
      case RELU_GRAD -> k::reluGrad;
      case LEAKY_RELU -> (x, dy, y, f, t) -> k.leakyRelu(x, y, f, t, a);
      case LEAKY_RELU_GRAD -> (x, dy, y, f, t) -> k.leakyReluGrad(x, dy, y, f, t, a);
    };
  }

  private static final ThreadLocal<short[][]> SHORT_SCRATCH =
      ThreadLocal.withInitial(() -> new short[2][BLOCK]);

  /**
   * The {@link ShortKernels} loop of a 16-bit request, each op as the contract computes it in
   * float.
   */
  private static Loop sixteenBitLoop(ShortRequest r) {
    Format16 f = Format16.of(r.precision());
    ShortKernels k = Kernels.found().shorts();
    float a = r.alpha();
    Kernel<short[]> kernel =
        switch (r.op()) {
          case RELU -> (x, dy, y, from, to) -> k.relu(f, x, y, from, to);
          case RELU_GRAD -> (x, dy, dx, from, to) -> k.reluGrad(f, x, dy, dx, from, to);
          case LEAKY_RELU -> (x, dy, y, from, to) -> k.scaled(f, x, x, y, from, to, a);
          case LEAKY_RELU_GRAD -> (x, dy, dx, from, to) -> k.scaled(f, x, dy, dx, from, to, a);
        };
    return loop(r, r.x(), r.dy(), r.out(), kernel, SHORT_SCRATCH);
  }

  private static Loop doubleLoop(DoubleRequest r) {
    double a = r.alpha();
    DoubleKernels k = Kernels.found().doubles();
    Kernel<double[]> kernel =
        switch (r.op()) {
          case RELU -> (x, dy, y, f, t) -> k.relu(x, y, f, t);
          case RELU_GRAD -> k::reluGrad;
          case LEAKY_RELU -> (x, dy, y, f, t) -> k.leakyRelu(x, y, f, t, a);
          case LEAKY_RELU_GRAD -> (x, dy, y, f, t) -> k.leakyReluGrad(x, dy, y, f, t, a);
        };
    return loop(r, r.x(), r.dy(), r.out(), kernel, DOUBLE_SCRATCH);
  }

  /**
   * {@code kernel} over the request's ranges of {@code x}, {@code dy} and {@code out} (its arrays):
   * straight on the arrays when every range starts at the same offset, else through the thread's
   * {@code scratch} blocks (inputs copied in, the result copied out), since C2 vectorizes only
   * loops that index every array alike.
   */
  private static <A> Loop loop(
      Request r, A x, A dy, A out, Kernel<A> kernel, ThreadLocal<A[]> scratch) {
    int xo = r.xOffset();
    int dyo = r.dyOffset();
    int oo = r.outOffset();
    if (xo == oo && (dy == null || dyo == oo)) {
      return (f, t) -> kernel.run(x, dy, out, xo + f, xo + t);
    }
    return (f, t) -> {
      A[] blocks = scratch.get();
      int n = t - f;
      System.arraycopy(x, xo + f, blocks[0], 0, n);
      if (dy != null) {
        System.arraycopy(dy, dyo + f, blocks[1], 0, n);
      }
      kernel.run(blocks[0], blocks[1], blocks[0], 0, n);
      System.arraycopy(blocks[0], 0, out, oo + f, n);
    };
  }

  /** Nothing to release. */
  @Override
  public void close() {}
}
