package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every form of the 16-bit ops (whole arrays, ranges, in place, heap and direct buffers, device
 * arrays, {@code apply}) on every backend gives the bits of the float op on the widened inputs,
 * rounded once ({@link Precision#widen}, {@link Precision#round}); PReLU gives the float PReLU's
 * weight gradient; device conversions match the array ones; bad arguments are refused by name. The
 * exhaustive proof against the contract's text is in {@code dev.rectifier.half}.
 */
class SixteenBitFormsTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();

  private static final int N = 70_001;
  private static final float ALPHA = -0.37f;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Precision p : new Precision[] {Precision.HALF, Precision.BFLOAT16}) {
        for (Op op : Op.values()) {
          cases.add(Arguments.of(t, p, op));
        }
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> targets() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Precision p : new Precision[] {Precision.HALF, Precision.BFLOAT16}) {
        cases.add(Arguments.of(t, p));
      }
    }
    return cases.stream();
  }

  /** Every bit pattern, many times over, in a random order. */
  private static short[] bits(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    short[] b = new short[N];
    for (int i = 0; i < N; i++) {
      b[i] = (short) rng.nextInt(1 << 16);
    }
    return b;
  }

  /** The float op on the widened inputs, rounded once: what every form must give. */
  private static short[] expected(Precision p, Op op, short[] x, short[] dy, float alpha) {
    float[] fx = new float[x.length];
    p.widen(x, fx);
    float[] fdy = new float[x.length];
    if (dy != null) {
      p.widen(dy, fdy);
    }
    try (Rectifier cpu = Rectifier.cpu()) {
      cpu.apply(op, fx, dy == null ? null : fdy, fx, alpha);
    }
    short[] out = new short[x.length];
    p.round(fx, out);
    return out;
  }

  /** The same bits, or both NaN of the format (a NaN result is checked as a NaN). */
  private static void assertSame16(Precision p, short[] expected, short[] actual, String form) {
    assertEquals(expected.length, actual.length, form + ": length");
    for (int i = 0; i < expected.length; i++) {
      boolean bothNaN = Float.isNaN(p.widen(expected[i])) && Float.isNaN(p.widen(actual[i]));
      if (!bothNaN && expected[i] != actual[i]) {
        throw new AssertionError(
            String.format(
                "%s: element %d: expected 0x%04X, got 0x%04X",
                form, i, expected[i] & 0xFFFF, actual[i] & 0xFFFF));
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void everyFormGivesTheFloatOpRoundedOnce(Backends.Target t, Precision p, Op op) {
    Rectifier r = t.rectifier();
    short[] x = bits(1);
    short[] dy = op.isGradient() ? bits(2) : null;
    float alpha = op.takesAlpha() ? ALPHA : 0;
    short[] expected = expected(p, op, x, dy, alpha);

    short[] out = new short[N];
    r.apply(op, p, x, dy, out, alpha);
    assertSame16(p, expected, out, "apply");

    short[] whole = new short[N];
    switch (op) {
      case RELU -> r.relu(p, x, whole);
      case RELU_GRAD -> r.reluGrad(p, x, dy, whole);
      case LEAKY_RELU -> r.leakyRelu(p, x, whole, alpha);
      case LEAKY_RELU_GRAD -> r.leakyReluGrad(p, x, dy, whole, alpha);
    }
    assertSame16(p, expected, whole, "whole arrays");

    // Ranges at three different offsets: x from 5, dy from 2, out from 9; the rest untouched.
    int n = N - 20;
    short[] xs = shifted(x, 5);
    short[] dys = dy == null ? null : shifted(dy, 2);
    short[] ranged = new short[N];
    ranged[8] = 0x1234;
    switch (op) {
      case RELU -> r.relu(p, xs, 5, ranged, 9, n);
      case RELU_GRAD -> r.reluGrad(p, xs, 5, dys, 2, ranged, 9, n);
      case LEAKY_RELU -> r.leakyRelu(p, xs, 5, ranged, 9, n, alpha);
      case LEAKY_RELU_GRAD -> r.leakyReluGrad(p, xs, 5, dys, 2, ranged, 9, n, alpha);
    }
    assertEquals(0x1234, ranged[8], "ranges: the element before the output range");
    assertSame16(p, prefix(expected, n), slice(ranged, 9, n), "ranges");

    short[] inPlace = x.clone();
    r.apply(op, p, inPlace, dy, inPlace, alpha);
    assertSame16(p, expected, inPlace, "in place");

    for (boolean direct : new boolean[] {false, true}) {
      ShortBuffer bx = buffer(x, direct);
      ShortBuffer bdy = dy == null ? null : buffer(dy, direct);
      ShortBuffer bout = buffer(new short[N], direct);
      r.apply(op, p, bx, bdy, bout, alpha);
      short[] got = new short[N];
      bout.get(0, got);
      assertSame16(p, expected, got, direct ? "direct buffers" : "heap buffers");
    }

    try (DeviceArray dx = r.upload(p, x);
        DeviceArray ddy = dy == null ? null : r.upload(p, dy);
        DeviceArray dout = r.allocate(p, N)) {
      r.apply(op, dx, ddy, dout, alpha);
      short[] got = new short[N];
      dout.read(got);
      assertSame16(p, expected, got, "device arrays");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void preluIsTheFloatPreluOnTheWidenedInputs(Backends.Target t, Precision p) {
    Rectifier r = t.rectifier();
    int channels = 3;
    int inner = 7;
    int n = channels * inner * 1001;
    short[] x = prefix(bits(3), n);
    short[] dy = prefix(bits(4), n);
    float[] weight = {0.25f, -1.5f, Float.MIN_VALUE};
    float[] fx = new float[n];
    float[] fdy = new float[n];
    p.widen(x, fx);
    p.widen(dy, fdy);
    float[] fy = new float[n];
    float[] fdx = new float[n];
    float[] fdw = new float[channels];
    try (Rectifier cpu = Rectifier.cpu()) {
      cpu.prelu(fx, fy, weight, inner);
      cpu.preluGrad(fx, fdy, fdx, weight, inner, fdw);
    }
    short[] y = new short[n];
    short[] dx = new short[n];
    float[] dw = new float[channels];
    r.prelu(p, x, y, weight, inner);
    r.preluGrad(p, x, dy, dx, weight, inner, dw);
    assertSame16(p, rounded(p, fy), y, "prelu");
    assertSame16(p, rounded(p, fdx), dx, "preluGrad dx");
    assertArrayEquals(fdw, dw, "preluGrad dweight: the float one's bits");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void deviceConversionsMatchTheArrayOnes(Backends.Target t, Precision p) {
    Rectifier r = t.rectifier();
    SplittableRandom rng = new SplittableRandom(5);
    float[] floats = new float[N];
    for (int i = 0; i < N; i++) {
      floats[i] = Float.intBitsToFloat(rng.nextInt());
    }
    short[] expected = new short[N];
    p.round(floats, expected);
    float[] back = new float[N];
    p.widen(expected, back);
    try (DeviceArray f = r.upload(floats);
        DeviceArray h = r.allocate(p, N);
        DeviceArray f2 = r.allocate(Precision.FLOAT, N)) {
      r.convert(f, h);
      r.convert(h, f2);
      short[] got = new short[N];
      h.read(got);
      assertArrayEquals(expected, got, "float to " + p);
      float[] gotBack = new float[N];
      f2.read(gotBack);
      for (int i = 0; i < N; i++) {
        assertEquals(
            Float.floatToRawIntBits(back[i]), Float.floatToRawIntBits(gotBack[i]), "back at " + i);
      }
    }
  }

  @Test
  void badArgumentsAreRefusedByName() {
    Rectifier r = BACKENDS.cpu().rectifier();
    short[] s = new short[4];
    assertEquals(
        "precision must be HALF or BFLOAT16 for short[] elements, was FLOAT",
        assertThrows(IllegalArgumentException.class, () -> r.relu(Precision.FLOAT, s, s))
            .getMessage());
    assertEquals(
        "precision must not be null",
        assertThrows(NullPointerException.class, () -> r.leakyRelu(null, s, s, 1f)).getMessage());
    assertEquals(
        "dy.length 3 differs from x.length 4",
        assertThrows(
                IllegalArgumentException.class,
                () -> r.reluGrad(Precision.HALF, s, new short[3], s))
            .getMessage());
    assertEquals(
        "alpha must be finite, was NaN",
        assertThrows(
                IllegalArgumentException.class,
                () -> r.leakyRelu(Precision.BFLOAT16, s, s, Float.NaN))
            .getMessage());
    assertEquals(
        "precision must be HALF or BFLOAT16 for short[] elements, was DOUBLE",
        assertThrows(
                IllegalArgumentException.class,
                () -> r.prelu(Precision.DOUBLE, s, s, new float[] {1f}, 1))
            .getMessage());
    ShortBuffer b = ShortBuffer.wrap(s);
    assertEquals(
        "precision must be HALF or BFLOAT16 for short[] elements, was FLOAT",
        assertThrows(IllegalArgumentException.class, () -> r.relu(Precision.FLOAT, b, b))
            .getMessage());
    try (DeviceArray f = r.allocate(Precision.FLOAT, 4);
        DeviceArray d = r.allocate(Precision.DOUBLE, 4);
        DeviceArray h = r.allocate(Precision.HALF, 4);
        DeviceArray h3 = r.allocate(Precision.BFLOAT16, 3)) {
      assertEquals(
          "source is a short[] but this DeviceArray holds float",
          assertThrows(IllegalArgumentException.class, () -> f.write(s)).getMessage());
      assertEquals(
          "convert takes a float and a half or bfloat16 DeviceArray, was double to half",
          assertThrows(IllegalArgumentException.class, () -> r.convert(d, h)).getMessage());
      assertEquals(
          "target.length 3 differs from x.length 4",
          assertThrows(IllegalArgumentException.class, () -> r.convert(f, h3)).getMessage());
      assertEquals(
          "weight holds half but the weights of half elements are float",
          assertThrows(IllegalArgumentException.class, () -> r.prelu(h, h, h, 1)).getMessage());
    }
  }

  private static short[] rounded(Precision p, float[] floats) {
    short[] bits = new short[floats.length];
    p.round(floats, bits);
    return bits;
  }

  private static short[] shifted(short[] a, int by) {
    short[] s = new short[a.length + by];
    System.arraycopy(a, 0, s, by, a.length);
    return s;
  }

  private static short[] prefix(short[] a, int n) {
    return slice(a, 0, n);
  }

  private static short[] slice(short[] a, int from, int n) {
    short[] s = new short[n];
    System.arraycopy(a, from, s, 0, n);
    return s;
  }

  private static ShortBuffer buffer(short[] values, boolean direct) {
    ShortBuffer b =
        direct
            ? ByteBuffer.allocateDirect(values.length * 2)
                .order(ByteOrder.nativeOrder())
                .asShortBuffer()
            : ShortBuffer.allocate(values.length);
    b.put(0, values);
    return b;
  }
}
