package dev.rectifier.cpu;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Gets the Vector API loops compiled by C2 before a caller runs them. Until C2 has compiled a loop,
 * the Vector API's calls in it are not intrinsified and every vector is an object: the first calls
 * in a new JVM ran far slower than the plain loops (the figures are in {@code docs/performance.md},
 * "A new JVM"). {@link Kernels} therefore runs the plain loops first and has this class {@linkplain
 * #compile compile} the vector loops on a daemon thread, where no caller waits, and never loads
 * them in a JVM without C2 ({@link #withoutC2}).
 *
 * <p>Compiled means: a round of {@link FloatKernels#exercise}, {@link DoubleKernels#exercise} and
 * {@link ShortKernels#exercise} (and of {@link BufferKernels#exercise}, where the loops have them)
 * allocates nothing on this thread. Interpreted and C1-compiled Vector API code makes an object of
 * every vector, C2's intrinsified code none, so the count tells exactly what the caller would run,
 * where a timing would depend on the machine's load.
 */
final class VectorWarmup {
  /** How long to try; a JVM whose C2 has not compiled the loops by then keeps the plain loops. */
  private static final long GIVE_UP_NANOS = 120_000_000_000L;

  private VectorWarmup() {}

  /**
   * Why this JVM has no C2, the only compiler that intrinsifies the Vector API, from its options
   * ({@code -Xint}, {@code -XX:TieredStopAtLevel=1} to 3, {@code -XX:CompilationMode=quick-only}, a
   * client or minimal VM); empty where it has one.
   */
  static Optional<String> withoutC2() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (vm == null) {
      return Optional.of("not a HotSpot JVM");
    }
    String name = System.getProperty("java.vm.name", "");
    if (name.contains("Client") || name.contains("Minimal")) {
      return Optional.of(name);
    }
    if (!option(vm, "UseCompiler").equals("true")) {
      return Optional.of("interpreter only (-Xint)");
    }
    if (option(vm, "CompilationMode").equals("quick-only")) {
      return Optional.of("CompilationMode=quick-only");
    }
    String stopAt = option(vm, "TieredStopAtLevel");
    if (option(vm, "TieredCompilation").equals("true")
        && !stopAt.isEmpty()
        && !stopAt.equals("4")) {
      return Optional.of("TieredStopAtLevel=" + stopAt);
    }
    return Optional.empty();
  }

  /** The value of VM option {@code name}, or "" where this JVM has no such option. */
  private static String option(HotSpotDiagnosticMXBean vm, String name) {
    try {
      return vm.getVMOption(name).getValue();
    } catch (IllegalArgumentException noSuchOption) {
      return "";
    }
  }

  /**
   * Runs {@code vector}'s loops on this thread until C2 has compiled every one of them, as {@link
   * VectorWarmup} defines it; false if it has not after a few minutes' trying, or if this JVM
   * cannot count a thread's allocations.
   */
  static boolean compile(Kernels vector) {
    if (!(ManagementFactory.getThreadMXBean() instanceof ThreadMXBean threads)
        || !threads.isThreadAllocatedMemorySupported()
        || !threads.isThreadAllocatedMemoryEnabled()) {
      return false;
    }
    int n = FloatKernels.EXERCISED_LENGTH;
    float[] fx = new float[2 * n];
    float[] fdy = new float[2 * n];
    double[] dx = new double[2 * n];
    double[] ddy = new double[2 * n];
    for (int i = 0; i < 2 * n; i++) {
      // Negative, zero and positive, so that every branch of a scalar remainder is taken.
      fx[i] = i % 3 - 1;
      dx[i] = fx[i];
      fdy[i] = i % 5 - 2;
      ddy[i] = fdy[i];
    }
    float[] fout = new float[2 * n];
    double[] dout = new double[2 * n];
    float[][] fcolumns = new float[3][n];
    double[][] dcolumns = new double[3][n];
    short[] sx = new short[n];
    short[] sdy = new short[n];
    for (int i = 0; i < n; i++) {
      // The top halves: bfloat16's values, and HALF's of the same signs.
      sx[i] = (short) (Float.floatToRawIntBits(fx[i]) >>> 16);
      sdy[i] = (short) (Float.floatToRawIntBits(fdy[i]) >>> 16);
    }
    short[] sout = new short[n];
    float[] sfloats = new float[n];
    Runnable buffers = exerciseBuffers(vector);
    long giveUp = System.nanoTime() + GIVE_UP_NANOS;
    while (System.nanoTime() < giveUp) {
      long before = threads.getCurrentThreadAllocatedBytes();
      vector.floats().exercise(fx, fdy, fout, fcolumns[0], fcolumns[1], fcolumns[2]);
      vector.doubles().exercise(dx, ddy, dout, dcolumns[0], dcolumns[1], dcolumns[2]);
      vector.shorts().exercise(sx, sdy, sout, sfloats);
      buffers.run();
      if (threads.getCurrentThreadAllocatedBytes() == before) {
        return true;
      }
    }
    return false;
  }

  /**
   * A round of {@code vector}'s {@link BufferKernels}, both precisions; nothing where it has none.
   */
  private static Runnable exerciseBuffers(Kernels vector) {
    if (vector.floatBuffers() == null) {
      return () -> {};
    }
    Runnable floats = vector.floatBuffers().exercise();
    Runnable doubles = vector.doubleBuffers().exercise();
    return () -> {
      floats.run();
      doubles.run();
    };
  }
}
