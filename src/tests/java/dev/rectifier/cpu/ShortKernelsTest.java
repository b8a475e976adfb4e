package dev.rectifier.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rectifier.Op;
import dev.rectifier.half.Format16;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link ShortKernels} this JVM runs (the Vector API loops where the test run has them, else
 * the plain loops): their conversions on every float and every 16-bit pattern give exactly the bits
 * of {@link Format16}'s, which {@code Fp16Test} and {@code Bf16Test} prove against Java's own and
 * PyTorch's rounding; and every op on every 16-bit pattern, against each special input on the other
 * side, gives the bits of the contract's text: widen, the float op, round once (a NaN result as a
 * quiet NaN). Tagged {@code contract}, so that the plain-loop and Java 25 runs check theirs too.
 */
@Tag("contract")
class ShortKernelsTest {
  private static final int ALL = 1 << 16;
  private static final int KEPT = 10;

  /** Values for the other input: zeros, ones, the extremes, infinities, NaNs, a subnormal. */
  private static final float[] SPECIAL_FLOATS = {
    0f,
    -0f,
    1f,
    -1f,
    65504f,
    -65504f,
    0x1p-24f,
    -0x1p-24f,
    3.0e38f,
    -3.0e38f,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.NaN,
    Float.MIN_VALUE,
    1.5f,
    -2.75f
  };

  /** Alphas: positive and negative, above and below one, ±0, a subnormal, a huge one. */
  private static final float[] ALPHAS = {0.01f, -0.37f, 1f, 3.5f, 0f, -0f, 1e-40f, 1e30f};

  private final ShortKernels kernels = Kernels.found().shorts();

  @ParameterizedTest
  @EnumSource(Format16.class)
  void everyFloatRoundsToTheBitsOfTheScalarConversion(Format16 f) {
    List<String> wrong =
        mismatches(
            high -> {
              float[] floats = new float[ALL];
              for (int low = 0; low < ALL; low++) {
                floats[low] = Float.intBitsToFloat(high << 16 | low);
              }
              short[] bits = new short[ALL + 3];
              // At an offset, so that the loop's vectors and its last elements both take part.
              kernels.round(f, floats, 0, bits, 3, ALL);
              List<String> mine = new ArrayList<>();
              for (int low = 0; low < ALL && mine.size() < KEPT; low++) {
                short expected = f.round(floats[low]);
                if (bits[3 + low] != expected) {
                  mine.add(
                      String.format(
                          "0x%08X gave 0x%04X, not 0x%04X",
                          high << 16 | low, bits[3 + low], expected));
                }
              }
              return mine;
            });
    assertEquals(List.of(), wrong);
  }

  @ParameterizedTest
  @EnumSource(Format16.class)
  void everyPatternWidensToTheBitsOfTheScalarConversion(Format16 f) {
    short[] bits = allPatterns();
    float[] floats = new float[ALL + 5];
    kernels.widen(f, bits, 0, floats, 5, ALL);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < ALL && wrong.size() < KEPT; i++) {
      int expected = Float.floatToRawIntBits(f.widen(bits[i]));
      int actual = Float.floatToRawIntBits(floats[5 + i]);
      if (actual != expected) {
        wrong.add(String.format("0x%04X gave 0x%08X, not 0x%08X", i, actual, expected));
      }
    }
    assertEquals(List.of(), wrong);
  }

  @ParameterizedTest
  @EnumSource(Format16.class)
  void everyOpOnEveryPatternIsTheFloatOpRoundedOnce(Format16 f) {
    short[] all = allPatterns();
    List<String> wrong = new ArrayList<>();
    for (float special : SPECIAL_FLOATS) {
      short[] other = new short[ALL];
      java.util.Arrays.fill(other, f.round(special));
      // x is every pattern, then dy (s) is: relu and leakyRelu take s = x.
      check(f, Op.RELU, all, all, 0f, "relu", wrong);
      check(f, Op.RELU_GRAD, all, other, 0f, "reluGrad, dy " + special, wrong);
      check(f, Op.RELU_GRAD, other, all, 0f, "reluGrad, x " + special, wrong);
      for (float a : ALPHAS) {
        check(f, Op.LEAKY_RELU, all, all, a, "leakyRelu, alpha " + a, wrong);
        String dy = "leakyReluGrad, dy " + special + ", alpha " + a;
        check(f, Op.LEAKY_RELU_GRAD, all, other, a, dy, wrong);
        check(f, Op.LEAKY_RELU_GRAD, other, all, a, "leakyReluGrad, x " + special, wrong);
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(KEPT, wrong.size())));
  }

  /**
   * Runs {@code op} on {@code x} and {@code s} ({@code dy}; {@code x} itself for the forward ops),
   * whole and in place, and adds a line for each element that is not the contract's (its table,
   * docs/contract.md), computed in float on the widened inputs and rounded once.
   */
  private void check(
      Format16 f, Op op, short[] x, short[] s, float a, String what, List<String> wrong) {
    short[] out = new short[ALL];
    short[] inPlace = s.clone();
    run(f, op, x, s, out, a);
    run(f, op, s == x ? inPlace : x, inPlace, inPlace, a);
    for (int i = 0; i < ALL && wrong.size() < KEPT; i++) {
      float v = f.widen(x[i]);
      float g = f.widen(s[i]);
      float result =
          switch (op) {
            case RELU -> v > 0 ? v : Float.isNaN(v) ? v : 0f;
            case RELU_GRAD -> v > 0 ? g : 0f;
            case LEAKY_RELU, LEAKY_RELU_GRAD -> v > 0 ? g : a * g;
          };
      short expected = f.round(result);
      for (short actual : new short[] {out[i], inPlace[i]}) {
        boolean right =
            Float.isNaN(f.widen(expected))
                ? Float.isNaN(f.widen(actual)) && (actual & f.quietBit()) != 0
                : actual == expected;
        if (!right) {
          wrong.add(
              String.format(
                  "%s %s: x 0x%04X, s 0x%04X gave 0x%04X, not 0x%04X",
                  f, what, x[i], s[i], actual, expected));
        }
      }
    }
  }

  private void run(Format16 f, Op op, short[] x, short[] s, short[] out, float a) {
    switch (op) {
      case RELU -> kernels.relu(f, x, out, 0, ALL);
      case RELU_GRAD -> kernels.reluGrad(f, x, s, out, 0, ALL);
      case LEAKY_RELU, LEAKY_RELU_GRAD -> kernels.scaled(f, x, s, out, 0, ALL, a);
    }
  }

  private static short[] allPatterns() {
    short[] bits = new short[ALL];
    for (int i = 0; i < ALL; i++) {
      bits[i] = (short) i;
    }
    return bits;
  }

  /** A chunk's check: the lines for the floats whose bits' top half is {@code high}. */
  private interface Chunk {
    List<String> check(int high);
  }

  /** The first mismatches of {@code chunk} over every top half, on every core. */
  private static List<String> mismatches(Chunk chunk) {
    List<String> found = Collections.synchronizedList(new ArrayList<>());
    IntStream.range(0, ALL).parallel().forEach(high -> found.addAll(chunk.check(high)));
    List<String> sorted = new ArrayList<>(found);
    Collections.sort(sorted);
    return sorted.subList(0, Math.min(KEPT, sorted.size()));
  }
}
