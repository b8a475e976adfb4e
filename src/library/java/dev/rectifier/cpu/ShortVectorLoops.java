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

import dev.rectifier.Op;
import dev.rectifier.half.Format16;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link ShortKernels} with the Vector API ({@code jdk.incubator.vector}), all in 16-bit
 * vectors of half the preferred size: the selects ({@link #relu}, {@link #reluGrad}, the last pass
 * of {@link #scaled}) on them, the conversions on the 32-bit lanes of the preferred species they
 * widen to (sign-extended on loading, cut back on storing). The conversions are branch-free, on the
 * bits:
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
 * {@link ShortLoops}' selects and {@link Format16}'s conversions. Only {@link Kernels} loads this
 * class, reflectively, and only when {@code jdk.incubator.vector} is in the boot layer.
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
    select(Op.RELU, f, x, x, null, 0, y, from, to);
  }

  @Override
  public void reluGrad(Format16 f, short[] x, short[] dy, short[] dx, int from, int to) {
    select(Op.RELU_GRAD, f, x, dy, null, 0, dx, from, to);
  }

  /**
   * In three passes over chunks that stay in the first-level cache: {@code s} widened, {@code a}
   * times it rounded, then the select.
   */
  @Override
  public void scaled(Format16 f, short[] x, short[] s, short[] out, int from, int to, float a) {
    Blocks blocks = BLOCKS.get();
    for (int b = from; b < to; b += CHUNK) {
      int n = Math.min(CHUNK, to - b);
      widen(f, s, b, blocks.floats, 0, n);
      round(f, blocks.floats, 0, blocks.scaled, 0, n, a);
      select(Op.LEAKY_RELU_GRAD, f, x, s, blocks.scaled, b, out, b, b + n);
    }
  }

  @Override
  public void widen(Format16 f, short[] bits, int from, float[] floats, int to, int n) {
    convert(f == Format16.HALF ? HALF_WIDEN : BFLOAT16_WIDEN, bits, from, floats, to, n, 1f);
    int done = SHORTS.loopBound(n);
    f.widen(bits, from + done, floats, to + done, n - done);
  }

  @Override
  public void round(Format16 f, float[] floats, int from, short[] bits, int to, int n) {
    round(f, floats, from, bits, to, n, 1f);
  }

  /**
   * {@code a} times each of {@code floats[from, from + n)}, rounded into {@code bits[to, to + n)}.
   * Times 1, every float is itself where it matters: a signalling NaN becomes quiet, and the quiet
   * bit is set in its rounded bits anyway.
   */
  private static void round(
      Format16 f, float[] floats, int from, short[] bits, int to, int n, float a) {
    convert(f == Format16.HALF ? HALF_ROUND : BFLOAT16_ROUND, bits, to, floats, from, n, a);
    for (int i = SHORTS.loopBound(n); i < n; i++) {
      bits[to + i] = f.round(a * floats[from + i]);
    }
  }

  /** Elements per pass of {@link #scaled}. */
  private static final int CHUNK = 1 << 11;

  /** {@link #scaled}'s blocks, per thread. */
  private static final class Blocks {
    final float[] floats = new float[CHUNK];
    final short[] scaled = new short[CHUNK];
  }

  private static final ThreadLocal<Blocks> BLOCKS = ThreadLocal.withInitial(Blocks::new);

  /*
   * The two methods below hold every vector loop, several loops each, for the reasons
   * FloatVectorLoops.run gives: each is too big for C2 to inline into a caller (more than
   * FreqInlineSize, 325 bytes of bytecode), so it is always compiled on its own, where its Vector
   * API calls are intrinsified however deep its caller; and their loops call the Vector API alone,
   * whose methods are forced inline, because past a count of nodes, which a HALF conversion comes
   * close to, C2 inlines no other method, and a helper of this class left a call would make an
   * object of every vector it takes or returns. VectorLoopsInliningTest checks the sizes.
   */

  /** {@link #convert}'s loops. */
  private static final int HALF_WIDEN = 0;

  private static final int HALF_ROUND = 1;
  private static final int BFLOAT16_WIDEN = 2;
  private static final int BFLOAT16_ROUND = 3;

  /**
   * On whole vectors, {@code n} elements from {@code bitsAt} and {@code floatsAt}: the bits widened
   * into the floats (HALF_WIDEN, BFLOAT16_WIDEN), a NaN made quiet, or {@code a} times the floats
   * rounded into the bits, ties to even, a NaN as the contract says (HALF_ROUND, BFLOAT16_ROUND).
   */
  private static void convert(
      int loop, short[] bits, int bitsAt, float[] floats, int floatsAt, int n, float a) {
    int end = SHORTS.loopBound(n);
    switch (loop) {
      case HALF_WIDEN -> {
        for (int i = 0; i < end; i += SHORTS.length()) {
          IntVector h =
              (IntVector)
                  ShortVector.fromArray(SHORTS, bits, bitsAt + i).convertShape(S2I, INTS, 0);
          IntVector magnitude = h.and(0x7FFF);
          IntVector moved = magnitude.lanewise(LSHL, 13);
          IntVector finite = moved.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
          IntVector special =
              moved.or(FLOAT_INFINITY).lanewise(OR, FLOAT_QUIET, magnitude.compare(GT, 0x7C00));
          finite
              .blend(special, magnitude.compare(GE, 0x7C00))
              .or(h.and(0x8000_0000))
              .reinterpretAsFloats()
              .intoArray(floats, floatsAt + i);
        }
      }
      case HALF_ROUND -> {
        for (int i = 0; i < end; i += SHORTS.length()) {
          IntVector f =
              FloatVector.fromArray(FLOATS, floats, floatsAt + i).mul(a).reinterpretAsInts();
          IntVector magnitude = f.and(0x7FFF_FFFF);
          IntVector subnormal =
              magnitude
                  .reinterpretAsFloats()
                  .add(0.5f)
                  .reinterpretAsInts()
                  .sub(HALF_SUBNORMAL_MAGIC);
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
          normal
              .blend(subnormal, magnitude.compare(LT, HALF_NORMAL))
              .blend(special, magnitude.compare(GE, HALF_OVERFLOW))
              .or(f.lanewise(LSHR, 16).and(0x8000))
              .convertShape(I2S, SHORTS, 0)
              .reinterpretAsShorts()
              .intoArray(bits, bitsAt + i);
        }
      }
      case BFLOAT16_WIDEN -> {
        for (int i = 0; i < end; i += SHORTS.length()) {
          IntVector b =
              ((IntVector)
                      ShortVector.fromArray(SHORTS, bits, bitsAt + i).convertShape(S2I, INTS, 0))
                  .lanewise(LSHL, 16);
          b.lanewise(OR, FLOAT_QUIET, b.and(0x7FFF_FFFF).compare(GT, FLOAT_INFINITY))
              .reinterpretAsFloats()
              .intoArray(floats, floatsAt + i);
        }
      }
      case BFLOAT16_ROUND -> {
        for (int i = 0; i < end; i += SHORTS.length()) {
          IntVector f =
              FloatVector.fromArray(FLOATS, floats, floatsAt + i).mul(a).reinterpretAsInts();
          IntVector top = f.lanewise(LSHR, 16);
          f.add(0x7FFF)
              .add(top.and(1))
              .lanewise(LSHR, 16)
              .blend(top.or(0x0040), f.and(0x7FFF_FFFF).compare(GT, FLOAT_INFINITY))
              .convertShape(I2S, SHORTS, 0)
              .reinterpretAsShorts()
              .intoArray(bits, bitsAt + i);
        }
      }
      default -> throw new IllegalArgumentException("no conversion loop " + loop);
    }
  }

  /**
   * The selects of {@code op} on elements {@code [from, to)}, {@code x > 0} being, as signed
   * integers, bits from 1 to those of infinity, which leaves out ±0, negatives and NaNs: relu
   * ({@code x > 0 || isNaN(x) ? x : +0}), reluGrad ({@code x > 0 ? s : +0}) and, for {@link
   * #scaled}, leakyReluGrad ({@code x > 0 ? s : otherwise[i - at]}); a NaN {@code s} made quiet.
   */
  private static void select(
      Op op,
      Format16 f,
      short[] x,
      short[] s,
      short[] otherwise,
      int at,
      short[] out,
      int from,
      int to) {
    short infinity = f.infinity();
    short quiet = f.quietBit();
    ShortVector zero = ShortVector.zero(SHORTS);
    int i = from;
    int end = from + SHORTS.loopBound(to - from);
    switch (op) {
      case RELU -> {
        for (; i < end; i += SHORTS.length()) {
          ShortVector v = ShortVector.fromArray(SHORTS, x, i);
          VectorMask<Short> nan = v.and((short) 0x7FFF).compare(GT, infinity);
          VectorMask<Short> keep = v.compare(GT, (short) 0).and(v.compare(LE, infinity)).or(nan);
          zero.blend(v.lanewise(OR, quiet, nan), keep).intoArray(out, i);
        }
      }
      case RELU_GRAD -> {
        for (; i < end; i += SHORTS.length()) {
          ShortVector v = ShortVector.fromArray(SHORTS, x, i);
          ShortVector g = ShortVector.fromArray(SHORTS, s, i);
          VectorMask<Short> positive = v.compare(GT, (short) 0).and(v.compare(LE, infinity));
          ShortVector quieted = g.lanewise(OR, quiet, g.and((short) 0x7FFF).compare(GT, infinity));
          zero.blend(quieted, positive).intoArray(out, i);
        }
      }
      case LEAKY_RELU_GRAD -> {
        for (; i < end; i += SHORTS.length()) {
          ShortVector v = ShortVector.fromArray(SHORTS, x, i);
          ShortVector g = ShortVector.fromArray(SHORTS, s, i);
          VectorMask<Short> positive = v.compare(GT, (short) 0).and(v.compare(LE, infinity));
          ShortVector quieted = g.lanewise(OR, quiet, g.and((short) 0x7FFF).compare(GT, infinity));
          ShortVector.fromArray(SHORTS, otherwise, i - at)
              .blend(quieted, positive)
              .intoArray(out, i);
        }
      }
      default -> throw new IllegalArgumentException(op + " has no select loop");
    }
    for (; i < to; i++) {
      int o = otherwise == null ? 0 : otherwise[i - at];
      out[i] = ShortLoops.pick(x[i], s[i], o, infinity, quiet, op == Op.RELU);
    }
  }
}
