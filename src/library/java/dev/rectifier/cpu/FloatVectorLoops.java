package dev.rectifier.cpu;

import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ASHR;

import dev.rectifier.Op;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The contract's selects with the Vector API ({@code jdk.incubator.vector}), in vectors of the
 * preferred species: leakyRelu with a ≤ 0 ({@code x > 0 ? x : a·x}), reluGrad ({@code x > 0 ? dy :
 * +0}) and leakyReluGrad ({@code x > 0 ? dy : a·dy}), which C2 does not vectorize in plain loops.
 * The select is made on the bits, with integer lanes ({@link #select}), rather than as a blend on a
 * compare mask, because on Java 17 the bits came closer to the memory's speed (on Java 25 the blend
 * did; the figures are in docs/performance.md, Speed).
 *
 * <p>relu and leakyRelu with a &gt; 0 run {@link FloatLoops}' max and min forms, which C2 does
 * vectorize, and which ran faster than blends do (docs/performance.md, Speed).
 *
 * <p>Each vector's inputs are loaded before its result is stored, so the output may be an input.
 * The last elements, fewer than a vector, take the same selects in scalar code. Only {@link
 * Kernels} loads this class, reflectively, and only when {@code jdk.incubator.vector} is in the
 * boot layer.
 *
 * <p>{@link DoubleVectorLoops} is generated from this class, {@code double} for {@code float}, by
 * the build-time {@code PrecisionCodeGenerator}: edit this class, never DoubleVectorLoops, then run
 * {@code scripts/generate}.
 */
final class FloatVectorLoops implements FloatKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private static final int POSITIVE_INFINITY_BITS = 0x7f80_0000;

  /** Shifts a lane's sign bit over the whole lane. */
  private static final int SIGN_SHIFT = 31;

  /**
   * Made by {@link Kernels}, reflectively.
   *
   * @throws UnsupportedOperationException where the preferred vectors are narrower than 128 bits:
   *     the Vector API would then run slower than the plain loops
   */
  FloatVectorLoops() {
    if (SPECIES.vectorBitSize() < 128) {
      throw new UnsupportedOperationException(
          "the preferred vectors have only " + SPECIES.vectorBitSize() + " bits");
    }
  }

  /** What these loops are, for the log and {@link CpuBackend#describe}. */
  @Override
  public String toString() {
    return "Vector API loops (" + SPECIES.vectorBitSize() + "-bit vectors)";
  }

  /** The plain loop, {@code max(x, +0)}: C2 compiles it to SIMD code faster than this class's. */
  @Override
  public void relu(float[] x, float[] y, int from, int to) {
    FloatLoops.INSTANCE.relu(x, y, from, to);
  }

  /**
   * For a &gt; 0 the plain loop ({@code max} or {@code min} of x and a·x), which C2 compiles to
   * SIMD code faster than this class's; for a ≤ 0 the select.
   */
  @Override
  public void leakyRelu(float[] x, float[] y, int from, int to, float a) {
    if (a > 0) {
      FloatLoops.INSTANCE.leakyRelu(x, y, from, to, a);
    } else {
      run(Op.LEAKY_RELU, x, null, y, from, to, a);
    }
  }

  @Override
  public void reluGrad(float[] x, float[] dy, float[] dx, int from, int to) {
    run(Op.RELU_GRAD, x, dy, dx, from, to, 0f);
  }

  @Override
  public void leakyReluGrad(float[] x, float[] dy, float[] dx, int from, int to, float a) {
    run(Op.LEAKY_RELU_GRAD, x, dy, dx, from, to, a);
  }

  @Override
  public void prelu(
      float[] x, float[] y, float[] weights, int base, int stride, int rows, int length) {
    prelu(x, null, y, weights, null, null, base, stride, rows, length);
  }

  @Override
  public void preluGrad(
      float[] x,
      float[] dy,
      float[] dx,
      float[] weights,
      float[] sums,
      float[] errors,
      int base,
      int stride,
      int rows,
      int length) {
    prelu(x, dy, dx, weights, sums, errors, base, stride, rows, length);
  }

  /**
   * PReLU ({@code dy} null) or its gradient on rows, in one method for the reason {@link #run}
   * gives: it must stay too big to inline. The gradient's compensated step is the scalar one of
   * {@link FloatLoops#preluGradColumns} in each lane, which also does the last columns, fewer than
   * a vector.
   */
  private static void prelu(
      float[] x,
      float[] dy,
      float[] out,
      float[] weights,
      float[] sums,
      float[] errors,
      int base,
      int stride,
      int rows,
      int length) {
    int end = SPECIES.loopBound(length);
    for (int r = 0; r < rows; r++) {
      int at = base + r * stride;
      int j = 0;
      if (dy == null) {
        for (; j < end; j += SPECIES.length()) {
          FloatVector v = FloatVector.fromArray(SPECIES, x, at + j);
          FloatVector w = FloatVector.fromArray(SPECIES, weights, j);
          select(v, v, w.mul(v)).intoArray(out, at + j);
        }
        FloatLoops.preluColumns(x, out, weights, at, j, length);
        continue;
      }
      for (; j < end; j += SPECIES.length()) {
        FloatVector v = FloatVector.fromArray(SPECIES, x, at + j);
        FloatVector g = FloatVector.fromArray(SPECIES, dy, at + j);
        FloatVector w = FloatVector.fromArray(SPECIES, weights, j);
        // One mask for both selects; the term's "x > 0" value is +0, all bits clear.
        IntVector notPositive = notPositive(v);
        g.reinterpretAsInts()
            .lanewise(AND_NOT, notPositive)
            .or(w.mul(g).reinterpretAsInts().and(notPositive))
            .reinterpretAsFloats()
            .intoArray(out, at + j);
        FloatVector term = v.mul(g).reinterpretAsInts().and(notPositive).reinterpretAsFloats();
        FloatVector s = FloatVector.fromArray(SPECIES, sums, j);
        FloatVector sum = s.add(term);
        FloatVector bb = sum.sub(s);
        FloatVector t = s.sub(sum.sub(bb)).add(term.sub(bb));
        FloatVector.fromArray(SPECIES, errors, j).add(t).intoArray(errors, j);
        sum.intoArray(sums, j);
      }
      FloatLoops.preluGradColumns(x, dy, out, weights, sums, errors, at, j, length);
    }
  }

  /**
   * The three selects in one method, on purpose: at more than 325 bytes of bytecode (HotSpot's
   * FreqInlineSize), C2 never inlines it into a caller, so it is always compiled on its own, where
   * its Vector API calls are intrinsified. Inlined into a deep caller (a JMH benchmark; any
   * framework), those calls fell beyond C2's inlining depth (MaxInlineLevel, 15), were not
   * intrinsified, and every vector became an object, allocated per vector (docs/performance.md,
   * Speed, "A JIT trap"). {@code VectorLoopsInliningTest} checks the size.
   */
  private static void run(Op op, float[] x, float[] dy, float[] out, int from, int to, float a) {
    int i = from;
    int end = from + SPECIES.loopBound(to - from);
    switch (op) {
      case LEAKY_RELU -> {
        for (; i < end; i += SPECIES.length()) {
          FloatVector v = FloatVector.fromArray(SPECIES, x, i);
          select(v, v, v.mul(a)).intoArray(out, i);
        }
        for (; i < to; i++) {
          float v = x[i];
          out[i] = v > 0 ? v : a * v;
        }
      }
      case RELU_GRAD -> {
        FloatVector zero = FloatVector.zero(SPECIES);
        for (; i < end; i += SPECIES.length()) {
          FloatVector v = FloatVector.fromArray(SPECIES, x, i);
          select(v, FloatVector.fromArray(SPECIES, dy, i), zero).intoArray(out, i);
        }
        for (; i < to; i++) {
          out[i] = x[i] > 0 ? dy[i] : 0f;
        }
      }
      case LEAKY_RELU_GRAD -> {
        for (; i < end; i += SPECIES.length()) {
          FloatVector v = FloatVector.fromArray(SPECIES, x, i);
          FloatVector g = FloatVector.fromArray(SPECIES, dy, i);
          select(v, g, g.mul(a)).intoArray(out, i);
        }
        for (; i < to; i++) {
          float g = dy[i];
          out[i] = x[i] > 0 ? g : a * g;
        }
      }
      default -> throw new IllegalArgumentException(op + " runs the plain loop");
    }
  }

  /** All bits set in the lanes where x is not &gt; 0 (±0, negative, NaN), clear elsewhere. */
  private static IntVector notPositive(FloatVector x) {
    IntVector bits = x.reinterpretAsInts();
    return bits.neg().add(POSITIVE_INFINITY_BITS).or(bits.sub(1)).lanewise(ASHR, SIGN_SHIFT);
  }

  /**
   * {@code x > 0 ? ifPositive : otherwise} in each lane, on the bits, as {@link FloatLoops} does it
   * for one element: x &gt; 0 exactly when its bits, as a signed integer, lie in [1, bits of +Inf],
   * which leaves out ±0, negatives and every NaN.
   */
  private static FloatVector select(FloatVector x, FloatVector ifPositive, FloatVector otherwise) {
    IntVector notPositive = notPositive(x);
    return ifPositive
        .reinterpretAsInts()
        .lanewise(AND_NOT, notPositive)
        .or(otherwise.reinterpretAsInts().and(notPositive))
        .reinterpretAsFloats();
  }
}
