package dev.rectifier.half;

import static dev.rectifier.half.Assert16.assertDweight;
import static dev.rectifier.half.Assert16.assertMatches;
import static dev.rectifier.half.Assert16.show;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rectifier.Backends;
import dev.rectifier.DeviceArray;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.half.Reference16.Format;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof of issue 25: every op on every one of the 65,536 HALF and 65,536 BFLOAT16 bit patterns
 * as x, with each special dy, each special alpha and, for PReLU, every special weight, on the CPU
 * backend and every OpenCL device, equal to {@link Reference16} (written from docs/contract.md
 * alone) bit for bit, a NaN result as any quiet NaN. Each case is one call on all the patterns.
 */
@Tag("contract")
class EveryPatternTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();

  /**
   * Slopes: zero of either sign, small of either sign, a half (ties among HALF's subnormals), one
   * of either sign, above one, one that overflows every format, and a float subnormal.
   */
  private static final float[] ALPHAS = {
    0f, -0.0f, 0.01f, -0.01f, 0.5f, 1f, -1f, 3f, 1e30f, Float.MIN_VALUE
  };

  /**
   * PReLU's weights, a channel each: the slopes above and what learned weights may diverge to, NaN,
   * ±infinity and the largest float.
   */
  private static final float[] WEIGHTS = {
    0f,
    -0.0f,
    0.01f,
    -0.01f,
    0.5f,
    1f,
    -1f,
    3f,
    1e30f,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.MAX_VALUE,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.NaN
  };

  /** The expected results, computed once for all the targets. */
  private static final Map<String, Object> EXPECTED = new ConcurrentHashMap<>();

  static Stream<Arguments> targets() {
    return Backends.withSixteenBit(BACKENDS.all());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void relu(Backends.Target t, Precision p) {
    check(t, p, Op.RELU, null, 0f);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void reluGradWithEverySpecialDy(Backends.Target t, Precision p) {
    for (short dy : specials(format(p))) {
      check(t, p, Op.RELU_GRAD, dy, 0f);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void leakyReluWithEverySpecialAlpha(Backends.Target t, Precision p) {
    for (float alpha : ALPHAS) {
      check(t, p, Op.LEAKY_RELU, null, alpha);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void leakyReluGradWithEverySpecialDyAndAlpha(Backends.Target t, Precision p) {
    for (float alpha : ALPHAS) {
      for (short dy : specials(format(p))) {
        check(t, p, Op.LEAKY_RELU_GRAD, dy, alpha);
      }
    }
  }

  /** Every pattern in every channel, a channel per special weight: one call. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void preluWithEverySpecialWeight(Backends.Target t, Precision p) {
    Format f = format(p);
    short[] x = repeated(everyPattern(), WEIGHTS.length);
    short[] y = canaries(x.length);
    t.rectifier().prelu(p, x, y, WEIGHTS.clone(), 1 << 16);
    short[] expected = cached("prelu " + f, () -> Reference16.prelu(f, x, WEIGHTS, 1 << 16));
    assertMatches(
        t + " prelu " + p,
        f,
        expected,
        t.mayFlush(Precision.FLOAT) ? Reference16.flushingPrelu(f, x, WEIGHTS, 1 << 16) : null,
        y,
        i -> "x=" + show(f, x, i) + " w=" + WEIGHTS[i >>> 16]);
  }

  /** For each special dy, every pattern in every channel: dx and the weight gradient. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void preluGradWithEverySpecialDyAndWeight(Backends.Target t, Precision p) {
    Format f = format(p);
    int channels = WEIGHTS.length;
    int inner = 1 << 16;
    short[] x = repeated(everyPattern(), channels);
    for (short d : specials(f)) {
      short[] dy = new short[x.length];
      Arrays.fill(dy, d);
      short[] dx = canaries(x.length);
      float[] dw = new float[channels];
      Arrays.fill(dw, 12345f);
      t.rectifier().preluGrad(p, x, dy, dx, WEIGHTS.clone(), inner, dw);
      String what = t + " preluGrad " + p + " dy=" + show(f, dy, 0);
      String key = "preluGrad " + f + " " + d;
      assertMatches(
          what + " dx",
          f,
          cached(key + " dx", () -> Reference16.preluDx(f, x, dy, WEIGHTS, inner)),
          t.mayFlush(Precision.FLOAT)
              ? Reference16.flushingPreluDx(f, x, dy, WEIGHTS, inner)
              : null,
          dx,
          i -> "x=" + show(f, x, i) + " w=" + WEIGHTS[i >>> 16]);
      assertDweight(
          what,
          cached(key + " dw", () -> Reference16.preluDweight(f, x, dy, channels, inner)),
          t.mayFlush(Precision.FLOAT)
              ? Reference16.preluDweightFlushed(f, x, dy, channels, inner)
              : null,
          dw);
    }
  }

  static Stream<Arguments> devices() {
    return Backends.withSixteenBit(BACKENDS.openCl());
  }

  /**
   * On an OpenCL device the 16-bit ops must run on the device, not on the CPU backend's fallback,
   * or the tests above would compare the CPU backend with the reference twice: a 16-bit device
   * array lives where the Java-array ops of its precision run (the facade picks the backend for
   * both by the precision), and only a device's array has an OpenCL buffer.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("devices")
  void runsOnTheDevice(Backends.Target t, Precision p) {
    try (DeviceArray a = t.rectifier().upload(p, new short[] {0x3C00})) {
      assertNotNull(a.clMem(), t + " " + p + " array's buffer");
    }
  }

  /** One call of {@code op} on every pattern as x, dy all {@code dy} (null: forward). */
  private static void check(Backends.Target t, Precision p, Op op, Short dy, float alpha) {
    Format f = format(p);
    short[] x = everyPattern();
    short[] dys = null;
    if (dy != null) {
      dys = new short[x.length];
      Arrays.fill(dys, dy);
    }
    short[] out = canaries(x.length);
    Rectifier r = t.rectifier();
    switch (op) {
      case RELU -> r.relu(p, x, out);
      case RELU_GRAD -> r.reluGrad(p, x, dys, out);
      case LEAKY_RELU -> r.leakyRelu(p, x, out, alpha);
      case LEAKY_RELU_GRAD -> r.leakyReluGrad(p, x, dys, out, alpha);
    }
    short[] dyIn = dys;
    String which =
        op
            + " "
            + f
            + (dy == null ? "" : " dy=" + show(f, dyIn, 0))
            + (op.takesAlpha() ? " alpha=" + alpha : "");
    assertMatches(
        t + " " + which,
        f,
        cached(which, () -> Reference16.op(f, op, x, dyIn, alpha)),
        t.mayFlush(Precision.FLOAT) ? Reference16.flushingOp(f, op, x, dyIn, alpha) : null,
        out,
        i -> "x=" + show(f, x, i));
  }

  /**
   * The special dys of a format, as bits: ±0, ±smallest and largest subnormal, ±smallest normal,
   * ±1, ±largest finite, ±infinity, a quiet and a signalling NaN.
   */
  static short[] specials(Format f) {
    float[] values = {
      0f,
      (float) f.smallestSubnormal(),
      (float) (f.smallestSubnormal() * (Math.scalb(1.0, f == Format.HALF ? 10 : 7) - 1)),
      (float) (f.smallestSubnormal() * Math.scalb(1.0, f == Format.HALF ? 10 : 7)),
      1f,
      (float) f.largestFinite(),
      Float.POSITIVE_INFINITY
    };
    short[] specials = new short[2 * values.length + 2];
    for (int i = 0; i < values.length; i++) {
      specials[2 * i] = f.round(values[i]);
      specials[2 * i + 1] = f.round(-values[i]);
    }
    specials[specials.length - 2] = f.round(Float.NaN);
    specials[specials.length - 1] = (short) (f.round(Float.POSITIVE_INFINITY) | 1);
    return specials;
  }

  private static Format format(Precision p) {
    return Assert16.format(p);
  }

  /** Every 16-bit pattern, in order. */
  static short[] everyPattern() {
    short[] x = new short[1 << 16];
    for (int i = 0; i < x.length; i++) {
      x[i] = (short) i;
    }
    return x;
  }

  private static short[] repeated(short[] a, int times) {
    short[] r = new short[a.length * times];
    for (int k = 0; k < times; k++) {
      System.arraycopy(a, 0, r, k * a.length, a.length);
    }
    return r;
  }

  /** An output filled with a value no op gives here, so that an element left unwritten shows. */
  private static short[] canaries(int n) {
    short[] out = new short[n];
    Arrays.fill(out, (short) 0x1234);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cached(String key, Supplier<T> compute) {
    return (T) EXPECTED.computeIfAbsent(key, k -> compute.get());
  }
}
