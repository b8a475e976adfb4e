package dev.rectifier.cpu;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2S;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.OR;
import static jdk.incubator.vector.VectorOperators.S2I;

import dev.rectifier.half.Format16;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link ShortKernels} with the Vector API ({@code jdk.incubator.vector}): {@link #relu},
 * {@link #reluGrad} on 16-bit lanes of the preferred species, the conversions and {@link #scaled}
 * on 32-bit lanes of the preferred species, fed by 16-bit vectors of half its size (sign-extended
 * on loading, cut back on storing). The conversions are branch-free, on the bits:
 *
 * <ul>
 *   <li>HALF to float: the half's exponent and significand moved to the float's positions and
 *       multiplied by 2^112, which rebiases the exponent exactly, subnormal halves included (there
 *       they are float subnormals, which Java multiplies exactly); infinities and NaNs, whose
 *       exponent this does not reach, selected apart, a NaN made quiet.
 *   <li>float to HALF, ties to even: below 2^−14 (a subnormal or zero half), the magnitude plus
 *       0.5, whose float has units of 2^−24 in its last place, so that the FPU's own
 *       round-to-nearest-even places the subnormal's bits at the bottom; from there, the exponent
 *       rebiased in place and {@code 0xFFF} plus the kept significand's last bit added below the 13
 *       dropped bits, which carries exactly when rounding up, into the exponent and from the
 *       largest half into infinity; from 2^16 up, infinity or the quiet NaN.
 *   <li>bfloat16 to float: the bits moved up, a NaN made quiet; back: {@code 0x7FFF} plus the kept
 *       half's last bit added below it, then the top half, a NaN selected apart.
 * </ul>
 *
 * Each is checked on every input, against {@link dev.rectifier.half.Fp16} and {@link
 * dev.rectifier.half.Bf16} ({@code ShortKernelsTest}). The last elements, fewer than a vector, take
 * {@link ShortLoops}. Only {@link Kernels} loads this class, reflectively, and only when {@code
 * jdk.incubator.vector} is in the boot layer.
 */
final class ShortVectorLoops implements ShortKernels {
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  /**
   * As many 16-bit lanes as {@link #INTS} has, in half its bits; {@link #relu}, {@link #reluGrad}
   * too, though it never leaves them: with one species of shorts, the helpers' calls have one
   * vector class, which C2 needs to know to intrinsify them.
   */
  private static final VectorSpecies<Short> SHORTS =
      VectorSpecies.of(short.class, VectorShape.forBitSize(INTS.vectorBitSize() / 2));

  /** A float's bits of 2^−14, the smallest normal half. */
  private static final int HALF_NORMAL = 0x3880_0000;

  /** A float's bits of 2^16: from here up, a half is infinity (or NaN). */
  private static final int HALF_OVERFLOW = 0x4780_0000;

  /** A float's bits of 0.5, whose last place is 2^−24, the smallest subnormal half. */
  private static final int HALF_SUBNORMAL_MAGIC = 0x3F00_0000;

  /** Rebiases a float's exponent to a half's (−112 in the exponent field) and adds 0xFFF. */
  private static final int HALF_REBIAS_AND_ROUND = 0xC800_0FFF;

  private static final int FLOAT_INFINITY = 0x7F80_0000;
  private static final int FLOAT_QUIET = 0x40_0000;

  /**
   * Made by {@link Kernels}, reflectively.
   *
   * @throws UnsupportedOperationException where the preferred vectors are narrower than 128 bits,
   *     as {@link FloatVectorLoops} does
   */
  ShortVectorLoops() {
    if (INTS.vectorBitSize() < 128) {
      throw new UnsupportedOperationException(
          "the preferred vectors have only " + INTS.vectorBitSize() + " bits");
    }
  }

  @Override
  public String toString() {
    return "16-bit Vector API loops (" + INTS.vectorBitSize() + "-bit vectors)";
  }

  @Override
  public void relu(Format16 f, short[] x, short[] y, int from, int to) {
    select(f, x, x, y, from, to, true);
  }

  @Override
  public void reluGrad(Format16 f, short[] x, short[] dy, short[] dx, int from, int to) {
    select(f, x, dy, dx, from, to, false);
  }

  @Override
  public void scaled(Format16 f, short[] x, short[] s, short[] out, int from, int to, float a) {
    if (f == Format16.HALF) {
      scaledHalf(x, s, out, from, to, a);
    } else {
      scaledBfloat16(x, s, out, from, to, a);
    }
    ShortLoops.INSTANCE.scaled(f, x, s, out, from + SHORTS.loopBound(to - from), to, a);
  }

  @Override
  public void widen(Format16 f, short[] bits, int from, float[] floats, int to, int n) {
    if (f == Format16.HALF) {
      halfToFloats(bits, from, floats, to, n);
    } else {
      bfloat16ToFloats(bits, from, floats, to, n);
    }
    int done = SHORTS.loopBound(n);
    f.widen(bits, from + done, floats, to + done, n - done);
  }

  @Override
  public void round(Format16 f, float[] floats, int from, short[] bits, int to, int n) {
    round(f, floats, from, bits, to, n, 1f);
  }

  /**
   * {@code a} times each of {@code floats[from, from + n)}, rounded into {@code bits[to, to + n)}.
   * Times 1 every float is itself, to the bit where it matters: a signalling NaN becomes quiet, and
   * the quiet bit is set in its rounded bits anyway.
   */
  private static void round(
      Format16 f, float[] floats, int from, short[] bits, int to, int n, float a) {
    if (f == Format16.HALF) {
      floatsToHalf(floats, from, bits, to, n, a);
    } else {
      floatsToBfloat16(floats, from, bits, to, n, a);
    }
    for (int i = SHORTS.loopBound(n); i < n; i++) {
      bits[to + i] = f.round(a * floats[from + i]);
    }
  }

  /*
   * The loops below do whole vectors only; the callers above do the rest. Their bodies call the
   * Vector API alone, whose methods are all forced inline: past a count of nodes, which a HALF
   * conversion's vector calls come close to, C2 stops inlining any other method, and a helper of
   * this class left a call would make an object of every vector it takes or returns. So each
   * conversion is written out in the one loop that runs it.
   */

  /**
   * {@code out = x > 0 ? s : +0}, a NaN {@code s} made quiet, and where {@code nanKeeps} a NaN
   * {@code x} counted as positive.
   */
  private static void select(
      Format16 f, short[] x, short[] s, short[] out, int from, int to, boolean nanKeeps) {
    short infinity = f.infinity();
    short quiet = f.quietBit();
    ShortVector zero = ShortVector.zero(SHORTS);
    int i = from;
    for (; i < from + SHORTS.loopBound(to - from); i += SHORTS.length()) {
      ShortVector v = ShortVector.fromArray(SHORTS, x, i);
      VectorMask<Short> keep = positive(v, infinity);
      if (nanKeeps) {
        keep = keep.or(v.and((short) 0x7FFF).compare(GT, infinity));
      }
      zero.blend(quiet(ShortVector.fromArray(SHORTS, s, i), infinity, quiet), keep)
          .intoArray(out, i);
    }
    for (; i < to; i++) {
      out[i] = ShortLoops.pick(x[i], s[i], 0, infinity, quiet, nanKeeps);
    }
  }

  /** {@link #scaled} for HALF, on whole vectors from {@code from}. */
  private static void scaledHalf(short[] x, short[] s, short[] out, int from, int to, float a) {
    short infinity = Format16.HALF.infinity();
    short quiet = Format16.HALF.quietBit();
    for (int i = from; i < from + SHORTS.loopBound(to - from); i += SHORTS.length()) {
      ShortVector g = ShortVector.fromArray(SHORTS, s, i);
      VectorMask<Short> positive = positive(ShortVector.fromArray(SHORTS, x, i), infinity);
      ShortVector quieted = quiet(g, infinity, quiet);
      IntVector h = roundHalf(widenHalf((IntVector) g.convertShape(S2I, INTS, 0)).mul(a));
      ((ShortVector) h.convertShape(I2S, SHORTS, 0)).blend(quieted, positive).intoArray(out, i);
    }
  }

  /** {@link #scaled} for BFLOAT16, on whole vectors from {@code from}. */
  private static void scaledBfloat16(short[] x, short[] s, short[] out, int from, int to, float a) {
    short infinity = Format16.BFLOAT16.infinity();
    short quiet = Format16.BFLOAT16.quietBit();
    for (int i = from; i < from + SHORTS.loopBound(to - from); i += SHORTS.length()) {
      ShortVector g = ShortVector.fromArray(SHORTS, s, i);
      VectorMask<Short> positive = positive(ShortVector.fromArray(SHORTS, x, i), infinity);
      ShortVector quieted = quiet(g, infinity, quiet);
      IntVector b = roundBfloat16(widenBfloat16((IntVector) g.convertShape(S2I, INTS, 0)).mul(a));
      ((ShortVector) b.convertShape(I2S, SHORTS, 0)).blend(quieted, positive).intoArray(out, i);
    }
  }

  /** {@link #widen} for HALF, on whole vectors. */
  private static void halfToFloats(short[] bits, int from, float[] floats, int to, int n) {
    for (int i = 0; i < SHORTS.loopBound(n); i += SHORTS.length()) {
      ShortVector h = ShortVector.fromArray(SHORTS, bits, from + i);
      widenHalf((IntVector) h.convertShape(S2I, INTS, 0)).intoArray(floats, to + i);
    }
  }

  /** {@link #widen} for BFLOAT16, on whole vectors. */
  private static void bfloat16ToFloats(short[] bits, int from, float[] floats, int to, int n) {
    for (int i = 0; i < SHORTS.loopBound(n); i += SHORTS.length()) {
      ShortVector b = ShortVector.fromArray(SHORTS, bits, from + i);
      widenBfloat16((IntVector) b.convertShape(S2I, INTS, 0)).intoArray(floats, to + i);
    }
  }

  /** {@link #round} for HALF, on whole vectors. */
  private static void floatsToHalf(float[] floats, int from, short[] bits, int to, int n, float a) {
    for (int i = 0; i < SHORTS.loopBound(n); i += SHORTS.length()) {
      IntVector h = roundHalf(FloatVector.fromArray(FLOATS, floats, from + i).mul(a));
      h.convertShape(I2S, SHORTS, 0).reinterpretAsShorts().intoArray(bits, to + i);
    }
  }

  /** {@link #round} for BFLOAT16, on whole vectors. */
  private static void floatsToBfloat16(
      float[] floats, int from, short[] bits, int to, int n, float a) {
    for (int i = 0; i < SHORTS.loopBound(n); i += SHORTS.length()) {
      IntVector b = roundBfloat16(FloatVector.fromArray(FLOATS, floats, from + i).mul(a));
      b.convertShape(I2S, SHORTS, 0).reinterpretAsShorts().intoArray(bits, to + i);
    }
  }

  /** The lanes where {@code x} &gt; 0: as signed integers, from 1 to the bits of infinity. */
  private static VectorMask<Short> positive(ShortVector x, short infinity) {
    return x.compare(GT, (short) 0).and(x.compare(LE, infinity));
  }

  /** {@code s} with each NaN made quiet. */
  private static ShortVector quiet(ShortVector s, short infinity, short quiet) {
    return s.lanewise(OR, quiet, s.and((short) 0x7FFF).compare(GT, infinity));
  }

  /** The halves (sign-extended) as floats, exactly; a NaN made quiet. */
  private static FloatVector widenHalf(IntVector h) {
    IntVector magnitude = h.and(0x7FFF);
    IntVector moved = magnitude.lanewise(LSHL, 13);
    IntVector finite = moved.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
    IntVector special =
        moved.or(FLOAT_INFINITY).lanewise(OR, FLOAT_QUIET, magnitude.compare(GT, 0x7C00));
    return finite
        .blend(special, magnitude.compare(GE, 0x7C00))
        .or(h.and(0x8000_0000))
        .reinterpretAsFloats();
  }

  /** The floats rounded to HALF, ties to even, in the low 16 bits of each lane. */
  private static IntVector roundHalf(FloatVector v) {
    IntVector f = v.reinterpretAsInts();
    IntVector magnitude = f.and(0x7FFF_FFFF);
    IntVector subnormal =
        magnitude.reinterpretAsFloats().add(0.5f).reinterpretAsInts().sub(HALF_SUBNORMAL_MAGIC);
    IntVector normal =
        magnitude
            .add(HALF_REBIAS_AND_ROUND)
            .add(magnitude.lanewise(LSHR, 13).and(1))
            .lanewise(LSHR, 13);
    IntVector special =
        magnitude
            .lanewise(LSHR, 13)
            .and(0x3FF)
            .or(0x7E00)
            .blend(0x7C00, magnitude.compare(LE, FLOAT_INFINITY));
    return normal
        .blend(subnormal, magnitude.compare(LT, HALF_NORMAL))
        .blend(special, magnitude.compare(GE, HALF_OVERFLOW))
        .or(f.lanewise(LSHR, 16).and(0x8000));
  }

  /** The bfloat16s (sign-extended) as floats, exactly; a NaN made quiet. */
  private static FloatVector widenBfloat16(IntVector b) {
    IntVector bits = b.lanewise(LSHL, 16);
    return bits.lanewise(OR, FLOAT_QUIET, bits.and(0x7FFF_FFFF).compare(GT, FLOAT_INFINITY))
        .reinterpretAsFloats();
  }

  /** The floats rounded to bfloat16, ties to even, in the low 16 bits of each lane. */
  private static IntVector roundBfloat16(FloatVector v) {
    IntVector f = v.reinterpretAsInts();
    IntVector top = f.lanewise(LSHR, 16);
    return f.add(0x7FFF)
        .add(top.and(1))
        .lanewise(LSHR, 16)
        .blend(top.or(0x0040), f.and(0x7FFF_FFFF).compare(GT, FLOAT_INFINITY));
  }
}
