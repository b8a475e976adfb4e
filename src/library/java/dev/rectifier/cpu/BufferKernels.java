package dev.rectifier.cpu;

import dev.rectifier.Op;
import java.nio.Buffer;

/**
 * The contract's ops on the memory of {@code java.nio} buffers of one precision, in place of
 * staging them through arrays: {@code FloatSegmentLoops} and {@code DoubleSegmentLoops}, which run
 * the Vector API on a {@code java.lang.foreign.MemorySegment} over each buffer. They need Java 22
 * or later (the Vector API reads a segment over any memory from then on), so they live in the
 * library jar's {@code META-INF/versions/22} and {@link Kernels} finds them reflectively, as it
 * finds the Vector API loops; on Java 17 none is found and buffers are staged as before.
 */
interface BufferKernels {
  /**
   * {@code op} over elements {@code [from, to)} past each buffer's position ({@code dy} null for a
   * forward op; the buffers checked by {@code BufferCall}; {@code alpha} a float value for float
   * buffers). The output may be an input.
   */
  CpuBackend.Loop loop(Op op, Buffer x, Buffer dy, Buffer out, double alpha);

  /**
   * Every op on direct buffers over ranges of each kind a loop takes (as {@link
   * FloatKernels#exercise}), for {@link VectorWarmup}: what it allocates is made here, before the
   * returned round runs, so that a compiled round allocates nothing.
   */
  default Runnable exercise() {
    int n = FloatKernels.EXERCISED_LENGTH;
    Buffer x = direct(n);
    Buffer dy = direct(n);
    Buffer out = direct(n);
    double[] alphas = {0.5, 2, -0.5};
    CpuBackend.Loop[] loops = new CpuBackend.Loop[Op.values().length * alphas.length];
    int k = 0;
    for (Op op : Op.values()) {
      for (double a : alphas) {
        loops[k++] = loop(op, x, op.isGradient() ? dy : null, out, a);
      }
    }
    int[] lengths = {1, 64, n};
    return () -> {
      for (int length : lengths) {
        for (CpuBackend.Loop loop : loops) {
          loop.run(0, length);
        }
      }
    };
  }

  /**
   * A direct buffer of this precision of {@code n} elements, negative, zero and positive, so that
   * every branch is taken.
   */
  Buffer direct(int n);
}
