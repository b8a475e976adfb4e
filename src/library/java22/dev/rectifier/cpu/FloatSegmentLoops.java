package dev.rectifier.cpu;

import dev.rectifier.Op;
import java.lang.foreign.MemorySegment;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The contract's ops on the memory of {@code FloatBuffer}s, direct or not, with the Vector API
 * reading and writing a {@link MemorySegment} over each buffer ({@code fromMemorySegment}, {@code
 * intoMemorySegment}): no copy through arrays. The forms are {@link FloatLoops}' and {@link
 * FloatVectorLoops}': relu is {@code max(x, +0)}, leakyRelu with 0 &lt; a ≤ 1 {@code max(x, a·x)}
 * and with a &gt; 1 {@code min(x, a·x)} (the Vector API's max and min are Java's), the rest the
 * select on the bits ({@link FloatVectorLoops#select}). The last elements, fewer than a vector,
 * take the same form under a mask.
 *
 * <p>Compiled by a JDK 22 or later into the jar's {@code META-INF/versions/22} (the Vector API
 * reads a segment over any memory only from Java 22), and loaded only by {@link Kernels}, beside
 * the Vector API loops.
 *
 * <p>{@link DoubleSegmentLoops} is generated from this class, {@code double} for {@code float}, by
 * the build-time {@code PrecisionCodeGenerator}: edit this class, never DoubleSegmentLoops, then
 * run {@code scripts/generate}.
 */
final class FloatSegmentLoops implements BufferKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  /** Made by {@link Kernels}, reflectively, where the Vector API loops run. */
  FloatSegmentLoops() {}

  @Override
  public CpuBackend.Loop loop(Op op, Buffer x, Buffer dy, Buffer out, double alpha) {
    MemorySegment xs = MemorySegment.ofBuffer(x);
    MemorySegment dys = dy == null ? null : MemorySegment.ofBuffer(dy);
    MemorySegment outs = MemorySegment.ofBuffer(out);
    float a = (float) alpha;
    return switch (op) {
      case RELU -> (from, to) -> relu(xs, outs, from, to);
      case LEAKY_RELU ->
          a > 0 && a <= 1
              ? (from, to) -> leakyMax(xs, outs, a, from, to)
              : a > 1
                  ? (from, to) -> leakyMin(xs, outs, a, from, to)
                  : (from, to) -> leakySelect(xs, outs, a, from, to);
      case RELU_GRAD -> (from, to) -> reluGrad(xs, dys, outs, from, to);
      case LEAKY_RELU_GRAD -> (from, to) -> leakyReluGrad(xs, dys, outs, a, from, to);
    };
  }

  @Override
  public Buffer direct(int n) {
    FloatBuffer b = ByteBuffer.allocateDirect(n * Float.BYTES).order(ORDER).asFloatBuffer();
    for (int i = 0; i < n; i++) {
      b.put(i, i % 3 - 1);
    }
    return b;
  }

  /*
   * A method per op, each compiled by C2 on its own: in one method together, C2 stopped inlining
   * the Vector API's calls (NodeCountInliningCutoff) and made an object of every vector. Each
   * runs the vectors of [from, to), then the rest under a mask.
   */

  private static void relu(MemorySegment x, MemorySegment out, long from, long to) {
    long end = from + SPECIES.loopBound(to - from);
    FloatVector zero = FloatVector.zero(SPECIES);
    for (long i = from; i < end; i += SPECIES.length()) {
      load(x, i).max(zero).intoMemorySegment(out, at(i), ORDER);
    }
    VectorMask<Float> tail = SPECIES.indexInRange(end, to);
    load(x, end, tail).max(zero).intoMemorySegment(out, at(end), ORDER, tail);
  }

  /** leakyRelu with 0 &lt; a ≤ 1: {@code max(x, a·x)}. */
  private static void leakyMax(MemorySegment x, MemorySegment out, float a, long from, long to) {
    long end = from + SPECIES.loopBound(to - from);
    for (long i = from; i < end; i += SPECIES.length()) {
      FloatVector v = load(x, i);
      v.max(v.mul(a)).intoMemorySegment(out, at(i), ORDER);
    }
    VectorMask<Float> tail = SPECIES.indexInRange(end, to);
    FloatVector v = load(x, end, tail);
    v.max(v.mul(a)).intoMemorySegment(out, at(end), ORDER, tail);
  }

  /** leakyRelu with a &gt; 1: {@code min(x, a·x)}. */
  private static void leakyMin(MemorySegment x, MemorySegment out, float a, long from, long to) {
    long end = from + SPECIES.loopBound(to - from);
    for (long i = from; i < end; i += SPECIES.length()) {
      FloatVector v = load(x, i);
      v.min(v.mul(a)).intoMemorySegment(out, at(i), ORDER);
    }
    VectorMask<Float> tail = SPECIES.indexInRange(end, to);
    FloatVector v = load(x, end, tail);
    v.min(v.mul(a)).intoMemorySegment(out, at(end), ORDER, tail);
  }

  /** leakyRelu with a ≤ 0: the select. */
  private static void leakySelect(MemorySegment x, MemorySegment out, float a, long from, long to) {
    long end = from + SPECIES.loopBound(to - from);
    for (long i = from; i < end; i += SPECIES.length()) {
      FloatVector v = load(x, i);
      FloatVectorLoops.select(v, v, v.mul(a)).intoMemorySegment(out, at(i), ORDER);
    }
    VectorMask<Float> tail = SPECIES.indexInRange(end, to);
    FloatVector v = load(x, end, tail);
    FloatVectorLoops.select(v, v, v.mul(a)).intoMemorySegment(out, at(end), ORDER, tail);
  }

  private static void reluGrad(
      MemorySegment x, MemorySegment dy, MemorySegment out, long from, long to) {
    long end = from + SPECIES.loopBound(to - from);
    FloatVector zero = FloatVector.zero(SPECIES);
    for (long i = from; i < end; i += SPECIES.length()) {
      FloatVectorLoops.select(load(x, i), load(dy, i), zero).intoMemorySegment(out, at(i), ORDER);
    }
    VectorMask<Float> tail = SPECIES.indexInRange(end, to);
    FloatVectorLoops.select(load(x, end, tail), load(dy, end, tail), zero)
        .intoMemorySegment(out, at(end), ORDER, tail);
  }

  private static void leakyReluGrad(
      MemorySegment x, MemorySegment dy, MemorySegment out, float a, long from, long to) {
    long end = from + SPECIES.loopBound(to - from);
    for (long i = from; i < end; i += SPECIES.length()) {
      FloatVector g = load(dy, i);
      FloatVectorLoops.select(load(x, i), g, g.mul(a)).intoMemorySegment(out, at(i), ORDER);
    }
    VectorMask<Float> tail = SPECIES.indexInRange(end, to);
    FloatVector g = load(dy, end, tail);
    FloatVectorLoops.select(load(x, end, tail), g, g.mul(a))
        .intoMemorySegment(out, at(end), ORDER, tail);
  }

  private static FloatVector load(MemorySegment s, long i) {
    return FloatVector.fromMemorySegment(SPECIES, s, at(i), ORDER);
  }

  private static FloatVector load(MemorySegment s, long i, VectorMask<Float> m) {
    return FloatVector.fromMemorySegment(SPECIES, s, at(i), ORDER, m);
  }

  /** The byte offset of element {@code i}. */
  private static long at(long i) {
    return i * Float.BYTES;
  }
}
