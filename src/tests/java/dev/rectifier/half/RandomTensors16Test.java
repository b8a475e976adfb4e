package dev.rectifier.half;

import static dev.rectifier.half.Assert16.assertDweight;
import static dev.rectifier.half.Assert16.assertMatches;
import static dev.rectifier.half.Assert16.assertUntouchedOutside;
import static dev.rectifier.half.Assert16.show;

import dev.rectifier.Backends;
import dev.rectifier.DeviceArray;
import dev.rectifier.OpCase;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.half.Reference16.Format;
import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 16-bit ops on seeded random tensors, on the CPU backend and every OpenCL device, against
 * {@link Reference16}: every op in every form the float ops have (whole arrays, in place, ranges
 * with canaries around the output, {@code apply}, heap and direct {@link ShortBuffer}s from
 * position to limit, and device arrays), sizes from 0 to past a million, and PReLU with its weight
 * gradient on arrays and device arrays.
 */
@Tag("contract")
class RandomTensors16Test {
  /** Sizes for every distribution: empty, below and past vector widths and a CPU chunk. */
  private static final int[] SIZES = {0, 1, 7, 93, 1023, 4099, (1 << 16) + 3};

  /**
   * Past a device chunk of the buffer forms: on MIXED values, for relu and the last gradient alone
   * (the chunks are the same code for every op; a forward op and a gradient cross them).
   */
  private static final int LARGE = (1 << 20) + 3;

  /** Inputs and expected results, made once for all the targets. */
  private record Case(short[] x, short[] dy, short[] expected, short[] flushing) {}

  private static final Map<String, Case> CASES = new ConcurrentHashMap<>();

  @RegisterExtension static final Backends BACKENDS = new Backends();

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Precision p : new Precision[] {Precision.HALF, Precision.BFLOAT16}) {
        for (OpCase c : OpCase.ELEMENTWISE) {
          for (Distribution d : Distribution.values()) {
            cases.add(Arguments.of(t, p, c, d));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("cases")
  void everyFormMatchesTheReference(Backends.Target t, Precision p, OpCase c, Distribution d) {
    Format f = Assert16.format(p);
    boolean gradient = c.op().isGradient();
    int[] sizes = SIZES;
    if (d == Distribution.MIXED
        && (c == OpCase.ELEMENTWISE.get(0)
            || c == OpCase.ELEMENTWISE.get(OpCase.ELEMENTWISE.size() - 1))) {
      sizes = Arrays.copyOf(SIZES, SIZES.length + 1);
      sizes[SIZES.length] = LARGE;
    }
    for (int n : sizes) {
      Case in =
          CASES.computeIfAbsent(
              p + " " + c + " " + d + " " + n,
              k -> {
                short[] xs = random(f, d, n, n);
                short[] dys = gradient ? random(f, d, n, n + 1L) : null;
                return new Case(
                    xs,
                    dys,
                    Reference16.op(f, c.op(), xs, dys, c.floatAlpha()),
                    Reference16.flushingOp(f, c.op(), xs, dys, c.floatAlpha()));
              });
      short[] x = in.x();
      short[] dy = in.dy();
      short[] expected = in.expected();
      short[] flushing = t.mayFlush(Precision.FLOAT) ? in.flushing() : null;
      String what = t + " " + c + " n=" + n + " " + d;
      Rectifier r = t.rectifier();
      IntFunction<String> inputs =
          i -> "x=" + show(f, x, i) + (dy == null ? "" : " dy=" + show(f, dy, i));

      short[] out = canaries(n);
      whole(r, p, c, x, dy, out);
      assertMatches(what + " arrays", f, expected, flushing, out, inputs);

      out = canaries(n);
      r.apply(c.op(), p, x, dy, out, c.floatAlpha());
      assertMatches(what + " apply", f, expected, flushing, out, inputs);

      // In place: y over x for forward ops, dx over dy for gradients.
      short[] inPlace = (gradient ? dy : x).clone();
      whole(r, p, c, gradient ? x : inPlace, gradient ? inPlace : null, inPlace);
      assertMatches(what + " in place", f, expected, flushing, inPlace, inputs);

      // Ranges: inputs and output at different offsets in larger arrays, canaries around.
      int xo = 3;
      int dyo = 5;
      int oo = 7;
      short[] xPadded = placed(x, n + 16, xo);
      short[] dyPadded = gradient ? placed(dy, n + 16, dyo) : null;
      short[] outPadded = canaries(n + 16);
      range(r, p, c, xPadded, xo, dyPadded, dyo, outPadded, oo, n);
      assertUntouchedOutside(what + " range", canaries(n + 16), outPadded, oo, oo + n);
      assertMatches(
          what + " range",
          f,
          placed(expected, n + 16, oo),
          flushing == null ? null : placed(flushing, n + 16, oo),
          outPadded,
          oo,
          oo + n,
          i -> inputs.apply(i - oo));

      for (boolean direct : new boolean[] {false, true}) {
        ShortBuffer xb = buffer(x, xo, direct);
        ShortBuffer dyb = gradient ? buffer(dy, dyo, direct) : null;
        for (boolean apply : new boolean[] {false, true}) {
          ShortBuffer outb = buffer(canaries(n), oo, direct);
          if (apply) {
            r.apply(c.op(), p, xb, dyb, outb, c.floatAlpha());
          } else {
            buffers(r, p, c, xb, dyb, outb);
          }
          short[] got = new short[n];
          outb.duplicate().get(got);
          String form = (direct ? " direct" : " heap") + (apply ? " buffers apply" : " buffers");
          assertMatches(what + form, f, expected, flushing, got, inputs);
        }
      }

      if (n > 0) {
        try (DeviceArray xd = r.upload(p, x);
            DeviceArray dyd = gradient ? r.allocate(p, n) : null;
            DeviceArray outd = r.allocate(p, n)) {
          if (gradient) {
            dyd.write(dy);
          }
          r.apply(c.op(), xd, dyd, outd, c.floatAlpha());
          short[] got = canaries(n);
          outd.read(got);
          assertMatches(what + " device arrays", f, expected, flushing, got, inputs);
        }
      }
    }
  }

  static Stream<Arguments> preluCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Precision p : new Precision[] {Precision.HALF, Precision.BFLOAT16}) {
        for (int[] shape : new int[][] {{1, 1}, {3, 7}, {64, 1}, {5, 4099}}) {
          cases.add(Arguments.of(t, p, shape[0], shape[1]));
        }
      }
    }
    return cases.stream();
  }

  /**
   * PReLU and its gradient on random shapes (an odd batch of about 300,000 elements, MIXED values),
   * float weights, on arrays, in place and on device arrays with FLOAT weight arrays.
   */
  @ParameterizedTest(name = "{0} {1} channels={2} inner={3}")
  @MethodSource("preluCases")
  void preluMatchesTheReference(Backends.Target t, Precision p, int channels, int inner) {
    PreluCase c = preluCase(p, channels, inner);
    Format f = c.format();
    boolean mayFlush = t.mayFlush(Precision.FLOAT);
    short[] flushingY = mayFlush ? c.flushingY() : null;
    short[] flushingDx = mayFlush ? c.flushingDx() : null;
    float[] flushingDw = mayFlush ? c.flushingDw() : null;
    String what = t + " " + p + " channels=" + channels + " inner=" + inner;
    IntFunction<String> inputs = c::describe;
    Rectifier r = t.rectifier();
    int n = c.x().length;

    short[] y = canaries(n);
    r.prelu(p, c.x(), y, c.weight(), inner);
    assertMatches(what + " prelu", f, c.y(), flushingY, y, inputs);
    short[] yOverX = c.x().clone();
    r.prelu(p, yOverX, yOverX, c.weight(), inner);
    assertMatches(what + " prelu in place", f, c.y(), flushingY, yOverX, inputs);

    short[] dx = canaries(n);
    float[] dw = new float[channels];
    Arrays.fill(dw, 12345f);
    r.preluGrad(p, c.x(), c.dy(), dx, c.weight(), inner, dw);
    assertMatches(what + " preluGrad", f, c.dx(), flushingDx, dx, inputs);
    assertDweight(what, c.dw(), flushingDw, dw);
    short[] dxOverDy = c.dy().clone();
    Arrays.fill(dw, 12345f);
    r.preluGrad(p, c.x(), dxOverDy, dxOverDy, c.weight(), inner, dw);
    assertMatches(what + " preluGrad dx over dy", f, c.dx(), flushingDx, dxOverDy, inputs);
    assertDweight(what + " (dx over dy)", c.dw(), flushingDw, dw);
  }

  /**
   * PReLU on device arrays: 16-bit x, y, dy and dx with FLOAT weight and dweight arrays. On an
   * OpenCL device this needs its 16-bit programs (the CPU backend's arrays cannot meet the device's
   * FLOAT weights).
   */
  @ParameterizedTest(name = "{0} {1} channels={2} inner={3}")
  @MethodSource("preluCases")
  void devicePreluMatchesTheReference(Backends.Target t, Precision p, int channels, int inner) {
    PreluCase c = preluCase(p, channels, inner);
    Format f = c.format();
    short[] x = c.x();
    int n = x.length;
    boolean mayFlush = t.mayFlush(Precision.FLOAT);
    String what = t + " " + p + " channels=" + channels + " inner=" + inner;
    IntFunction<String> inputs = c::describe;
    Rectifier r = t.rectifier();
    try (DeviceArray xd = r.upload(p, x);
        DeviceArray dyd = r.upload(p, c.dy());
        DeviceArray outd = r.allocate(p, n);
        DeviceArray wd = r.upload(c.weight());
        DeviceArray dwd = r.allocate(Precision.FLOAT, channels)) {
      r.prelu(xd, outd, wd, inner);
      short[] got = canaries(n);
      outd.read(got);
      assertMatches(what + " device prelu", f, c.y(), mayFlush ? c.flushingY() : null, got, inputs);
      r.preluGrad(xd, dyd, outd, wd, inner, dwd);
      outd.read(got);
      assertMatches(
          what + " device preluGrad", f, c.dx(), mayFlush ? c.flushingDx() : null, got, inputs);
      float[] gotDw = new float[channels];
      dwd.read(gotDw);
      assertDweight(what + " device", c.dw(), mayFlush ? c.flushingDw() : null, gotDw);
    }
  }

  /** A PReLU case's inputs and the reference's results, shared by the targets. */
  private record PreluCase(
      Format format,
      int inner,
      short[] x,
      short[] dy,
      float[] weight,
      short[] y,
      short[] dx,
      float[] dw,
      short[] flushingY,
      short[] flushingDx,
      float[] flushingDw) {
    String describe(int i) {
      return "x="
          + show(format, x, i)
          + " dy="
          + show(format, dy, i)
          + " w="
          + weight[(i / inner) % weight.length];
    }
  }

  private static final Map<String, PreluCase> PRELU_CASES = new ConcurrentHashMap<>();

  /** An odd batch of about 100,000 MIXED elements of this shape, NORMAL weights, seeded by it. */
  private static PreluCase preluCase(Precision p, int channels, int inner) {
    return PRELU_CASES.computeIfAbsent(
        p + " " + channels + " " + inner,
        k -> {
          Format f = Assert16.format(p);
          int item = channels * inner;
          int n = (Math.max(1, 100_000 / item) | 1) * item;
          long seed = 31L * channels + inner;
          short[] x = random(f, Distribution.MIXED, n, seed);
          short[] dy = random(f, Distribution.MIXED, n, seed + 1);
          float[] w = new float[channels];
          double[] drawn =
              RandomValues.draw(Distribution.NORMAL, Precision.FLOAT, channels, seed + 2);
          for (int c = 0; c < channels; c++) {
            w[c] = (float) drawn[c];
          }
          return new PreluCase(
              f,
              inner,
              x,
              dy,
              w,
              Reference16.prelu(f, x, w, inner),
              Reference16.preluDx(f, x, dy, w, inner),
              Reference16.preluDweight(f, x, dy, channels, inner),
              Reference16.flushingPrelu(f, x, w, inner),
              Reference16.flushingPreluDx(f, x, dy, w, inner),
              Reference16.preluDweightFlushed(f, x, dy, channels, inner));
        });
  }

  /**
   * {@code n} values of distribution {@code d} over float's range, rounded to {@code f} (so WIDE
   * gives HALF many zeros and infinities, which the exhaustive tests cover as well).
   */
  private static short[] random(Format f, Distribution d, int n, long seed) {
    double[] values = RandomValues.draw(d, Precision.FLOAT, n, seed);
    short[] bits = new short[n];
    for (int i = 0; i < n; i++) {
      bits[i] = f.round((float) values[i]);
    }
    return bits;
  }

  private static short[] canaries(int n) {
    short[] out = new short[n];
    Arrays.fill(out, (short) 0x1234);
    return out;
  }

  /** {@code a} at {@code offset} in an array of {@code length} canaries. */
  private static short[] placed(short[] a, int length, int offset) {
    short[] r = canaries(length);
    System.arraycopy(a, 0, r, offset, a.length);
    return r;
  }

  /**
   * A buffer whose position is {@code offset} and whose remaining elements are {@code a}: over a
   * larger array (heap) or native-order memory (direct), canaries before and after.
   */
  private static ShortBuffer buffer(short[] a, int offset, boolean direct) {
    short[] padded = placed(a, a.length + 16, offset);
    ShortBuffer b =
        direct
            ? ByteBuffer.allocateDirect(2 * padded.length)
                .order(ByteOrder.nativeOrder())
                .asShortBuffer()
                .put(padded)
            : ShortBuffer.wrap(padded);
    return b.position(offset).limit(offset + a.length);
  }

  private static void whole(
      Rectifier r, Precision p, OpCase c, short[] x, short[] dy, short[] out) {
    switch (c.op()) {
      case RELU -> r.relu(p, x, out);
      case RELU_GRAD -> r.reluGrad(p, x, dy, out);
      case LEAKY_RELU -> r.leakyRelu(p, x, out, c.floatAlpha());
      case LEAKY_RELU_GRAD -> r.leakyReluGrad(p, x, dy, out, c.floatAlpha());
    }
  }

  private static void range(
      Rectifier r,
      Precision p,
      OpCase c,
      short[] x,
      int xo,
      short[] dy,
      int dyo,
      short[] out,
      int oo,
      int n) {
    switch (c.op()) {
      case RELU -> r.relu(p, x, xo, out, oo, n);
      case RELU_GRAD -> r.reluGrad(p, x, xo, dy, dyo, out, oo, n);
      case LEAKY_RELU -> r.leakyRelu(p, x, xo, out, oo, n, c.floatAlpha());
      case LEAKY_RELU_GRAD -> r.leakyReluGrad(p, x, xo, dy, dyo, out, oo, n, c.floatAlpha());
    }
  }

  private static void buffers(
      Rectifier r, Precision p, OpCase c, ShortBuffer x, ShortBuffer dy, ShortBuffer out) {
    switch (c.op()) {
      case RELU -> r.relu(p, x, out);
      case RELU_GRAD -> r.reluGrad(p, x, dy, out);
      case LEAKY_RELU -> r.leakyRelu(p, x, out, c.floatAlpha());
      case LEAKY_RELU_GRAD -> r.leakyReluGrad(p, x, dy, out, c.floatAlpha());
    }
  }
}
