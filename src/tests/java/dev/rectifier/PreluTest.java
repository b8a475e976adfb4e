package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.verify.ContractInputs;
import dev.rectifier.verify.PreluCalls;
import dev.rectifier.verify.PreluReference;
import dev.rectifier.verify.PreluSuite;
import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.SpecialValues;
import dev.rectifier.verify.Tensors;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PReLU and its gradient on every backend (the CPU backend and every OpenCL device), against {@link
 * PreluReference}, which is written from the contract (docs/contract.md): the selects bit for bit,
 * the weight gradient bit for bit in the contract's order (so the same bits on every backend, run
 * and thread count), and within 4·eps·Σ|terms| of the exact sum.
 */
@Tag("contract")
class PreluTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();

  static Stream<Arguments> targets() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        cases.add(Arguments.of(t, p));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void everySpecialXWithEverySpecialWeight(Backends.Target t, Precision p) {
    double[] specials = SpecialValues.values(p);
    int k = specials.length;
    double[] xs = new double[k * k * 3];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = specials[i / k % k];
    }
    Object x = Tensors.of(xs, p);
    Object weight = Tensors.of(specials, p);
    Object y = Tensors.filled(xs.length, 12345, p);
    PreluCalls.forward(t.rectifier(), x, y, weight, 1);
    Object expected = PreluReference.forward(x, weight, 1);
    assertSame(t + " prelu", expected, flushing(t, p, x, null, weight), y, x, null, weight, 1);

    PreluCalls.forward(t.rectifier(), x, x, weight, 1); // in place
    assertSame(
        t + " prelu in place", expected, flushing(t, p, x, null, weight), x, x, null, weight, 1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void everySpecialXAndDyPairWithEverySpecialWeight(Backends.Target t, Precision p) {
    ContractInputs pairs = PreluSuite.everySpecialPair(p);
    checkGradient(t, pairs.x(), pairs.dy(), Tensors.of(SpecialValues.values(p), p), 1);
  }

  static Stream<Arguments> shapes() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        for (int channels : new int[] {1, 3, 64, 256}) {
          for (int inner : new int[] {1, 7, 4099}) {
            for (Distribution d : new Distribution[] {Distribution.NORMAL, Distribution.MIXED}) {
              cases.add(Arguments.of(t, p, channels, inner, d));
            }
          }
        }
      }
    }
    return cases.stream();
  }

  /**
   * Random shapes, n odd: about 600,000 elements, which is several blocks of the weight gradient
   * where the batch items are short, and one block of 1 or 3 rows where they are long.
   */
  @ParameterizedTest(name = "{0} {1} channels={2} inner={3} {4}")
  @MethodSource("shapes")
  void randomShapes(Backends.Target t, Precision p, int channels, int inner, Distribution d) {
    int item = channels * inner;
    int n = Math.max(1, 600_000 / item) | 1;
    long seed = 31L * channels + inner;
    Object x = Tensors.of(RandomValues.draw(d, p, n * item, seed), p);
    Object dy = Tensors.of(RandomValues.draw(d, p, n * item, seed + 1), p);
    Object weight = Tensors.of(RandomValues.draw(Distribution.NORMAL, p, channels, seed + 2), p);
    Object y = Tensors.filled(n * item, 12345, p);
    PreluCalls.forward(t.rectifier(), x, y, weight, inner);
    assertSame(
        t + " prelu",
        PreluReference.forward(x, weight, inner),
        flushing(t, p, x, null, weight),
        y,
        x,
        null,
        weight,
        inner);
    checkGradient(t, x, dy, weight, inner);
  }

  static Stream<Arguments> cancellingShapes() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        for (int[] shape : new int[][] {{3, 7}, {64, 1}, {1, 1}, {1, 4099}, {256, 1}}) {
          cases.add(Arguments.of(t, p, shape[0], shape[1]));
        }
      }
    }
    return cases.stream();
  }

  /**
   * Sums that cancel: the second half of the batch is the first with dy negated, so each channel's
   * exact sum is 0 and what the compensated sum keeps are rounding errors, which depend on the
   * order; the bits must still be the reference's on every backend.
   */
  @ParameterizedTest(name = "{0} {1} channels={2} inner={3}")
  @MethodSource("cancellingShapes")
  void cancellingSums(Backends.Target t, Precision p, int channels, int inner) {
    int item = channels * inner;
    int half = Math.max(1, 300_000 / item) * item;
    double[] xs = new double[2 * half + item]; // an odd number of batch items
    double[] dys = new double[xs.length];
    java.util.Random random = new java.util.Random(item);
    for (int i = 0; i < xs.length; i++) {
      xs[i] = -Math.abs(Math.scalb(random.nextGaussian(), random.nextInt(41) - 20));
      dys[i] = i >= half && i < 2 * half ? -dys[i - half] : random.nextGaussian();
      if (i >= half && i < 2 * half) {
        xs[i] = xs[i - half];
      }
    }
    Object weight = Tensors.of(RandomValues.draw(Distribution.NORMAL, p, channels, 3), p);
    checkGradient(t, Tensors.of(xs, p), Tensors.of(dys, p), weight, inner);
  }

  static Stream<Arguments> wideRows() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        // {channels, inner, batch}: one channel longer than a strip; whole channels of one chunk;
        // of two chunks, over 2 rows; of one strip each; two channels of two strips each.
        for (int[] shape :
            new int[][] {
              {1, 3_000_001, 1},
              {2999, 1001, 1},
              {1500, 2003, 2},
              {3, 1_000_003, 1},
              {2, 1_500_001, 1}
            }) {
          cases.add(Arguments.of(t, p, shape[0], shape[1], shape[2]));
        }
      }
    }
    return cases.stream();
  }

  /**
   * Rows of about 3M elements, whose first-pass pairs would outgrow the scratch bound, so the
   * gradient goes by strips ({@link dev.rectifier.backend.PreluStrips}): the reference's bits
   * still, on sums that cancel, for every way a strip can cut the channels.
   */
  @ParameterizedTest(name = "{0} {1} channels={2} inner={3} batch={4}")
  @MethodSource("wideRows")
  void wideRowsGoByStripsWithTheSameBits(
      Backends.Target t, Precision p, int channels, int inner, int batch) {
    int n = channels * inner * batch;
    assertTrue(
        dev.rectifier.backend.PreluStrips.inStrips(
            new dev.rectifier.backend.PreluShape(n, channels, inner), p),
        "the shape goes by strips");
    // Sums that cancel, as in cancellingSums: the second half of each channel's lanes repeats the
    // first with dy negated, so that the bits depend on the order of the tree.
    double[] xs = new double[n];
    double[] dys = new double[n];
    java.util.Random random = new java.util.Random(17L * channels + inner);
    int half = inner / 2;
    for (int i = 0; i < n; i++) {
      int lane = i % inner;
      if (lane >= half && lane < 2 * half) {
        xs[i] = xs[i - half];
        dys[i] = -dys[i - half];
      } else {
        xs[i] = -Math.abs(Math.scalb(random.nextGaussian(), random.nextInt(41) - 20));
        dys[i] = random.nextGaussian();
      }
    }
    Object x = Tensors.of(xs, p);
    Object dy = Tensors.of(dys, p);
    Object weight = Tensors.of(RandomValues.draw(Distribution.NORMAL, p, channels, 3), p);
    checkGradient(t, x, dy, weight, inner);
  }

  /** The gradient on Java arrays, out of place and in place, and on device arrays. */
  private static void checkGradient(
      Backends.Target t, Object x, Object dy, Object weight, int inner) {
    Precision p = Tensors.precision(x);
    int channels = Tensors.length(weight);
    Object expectedDx = PreluReference.dx(x, dy, weight, inner);
    Object flushingDx = flushing(t, p, x, dy, weight);
    Object expectedDw = PreluReference.dweight(x, dy, channels, inner);
    Object flushingDw =
        t.mayFlush(p) ? PreluReference.dweightFlushed(x, dy, channels, inner) : null;
    String what =
        t + " preluGrad n=" + Tensors.length(x) + " channels=" + channels + " inner=" + inner;

    Object dx = Tensors.filled(Tensors.length(x), 12345, p);
    Object dweight = Tensors.filled(channels, 12345, p);
    PreluCalls.gradient(t.rectifier(), x, dy, dx, weight, inner, dweight);
    assertSame(what + " dx", expectedDx, flushingDx, dx, x, dy, weight, inner);
    assertDweight(what, expectedDw, flushingDw, dweight);

    Object inPlace = Tensors.copy(dy);
    Object again = Tensors.filled(channels, 12345, p);
    PreluCalls.gradient(t.rectifier(), x, inPlace, inPlace, weight, inner, again);
    assertSame(what + " dx over dy", expectedDx, flushingDx, inPlace, x, dy, weight, inner);
    assertDweight(what + " (dx over dy)", expectedDw, flushingDw, again);

    Object overX = Tensors.copy(x);
    PreluCalls.gradient(t.rectifier(), overX, dy, overX, weight, inner, again);
    assertSame(what + " dx over x", expectedDx, flushingDx, overX, x, dy, weight, inner);
    assertDweight(what + " (dx over x)", expectedDw, flushingDw, again);

    Rectifier r = t.rectifier();
    try (DeviceArray xd = PreluCalls.upload(r, x);
        DeviceArray dyd = PreluCalls.upload(r, dy);
        DeviceArray dxd = PreluCalls.upload(r, Tensors.filled(Tensors.length(x), 12345, p));
        DeviceArray wd = PreluCalls.upload(r, weight);
        DeviceArray dwd = PreluCalls.upload(r, Tensors.filled(channels, 12345, p))) {
      r.preluGrad(xd, dyd, dxd, wd, inner, dwd);
      assertSame(
          what + " device dx",
          expectedDx,
          flushingDx,
          PreluCalls.read(dxd, x),
          x,
          dy,
          weight,
          inner);
      assertDweight(what + " device", expectedDw, flushingDw, PreluCalls.read(dwd, weight));
      r.prelu(xd, dxd, wd, inner);
      assertSame(
          what + " device prelu",
          PreluReference.forward(x, weight, inner),
          flushing(t, p, x, null, weight),
          PreluCalls.read(dxd, x),
          x,
          null,
          weight,
          inner);
    }
  }

  /**
   * dweight in the contract's order, bit for bit, or, on a device that may flush subnormals, the
   * same order's flushing sum ({@code flushing}, else null).
   */
  private static void assertDweight(String what, Object expected, Object flushing, Object actual) {
    BitAssert.assertSameBits(
        what + " dweight",
        expected,
        flushing,
        actual,
        0,
        Tensors.length(expected),
        c -> "channel " + c);
  }

  /** What a device that may flush subnormals may give instead: flushed inputs, flushed result. */
  private static Object flushing(
      Backends.Target t, Precision p, Object x, Object dy, Object weight) {
    if (!t.mayFlush(p)) {
      return null;
    }
    return Tensors.flushed(
        dy == null
            ? PreluReference.forward(Tensors.flushed(x), Tensors.flushed(weight), 1)
            : PreluReference.dx(
                Tensors.flushed(x), Tensors.flushed(dy), Tensors.flushed(weight), 1));
  }

  private static void assertSame(
      String what,
      Object expected,
      Object flushing,
      Object actual,
      Object x,
      Object dy,
      Object weight,
      int inner) {
    int channels = Tensors.length(weight);
    BitAssert.assertSameBits(
        what,
        expected,
        flushing,
        actual,
        0,
        Tensors.length(expected),
        i ->
            "x="
                + Tensors.show(x, i)
                + (dy == null ? "" : " dy=" + Tensors.show(dy, i))
                + " w="
                + Tensors.show(weight, (i / inner) % channels));
  }

  /**
   * dweight is the same bits with the fork-join pool at parallelism 1, 2 and 7, and over repeated
   * runs, and is the reference's (so every device's, which the tests above hold to it).
   */
  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void sameBitsWhateverTheThreads(Precision p) throws Exception {
    int channels = 3;
    int inner = 7;
    int n = 50_001; // over a million elements: the CPU backend runs them in parallel
    Object x = Tensors.of(RandomValues.draw(Distribution.NORMAL, p, n * channels * inner, 5), p);
    Object dy = Tensors.of(RandomValues.draw(Distribution.NORMAL, p, n * channels * inner, 6), p);
    Object weight = Tensors.of(new double[] {0.25, -0.5, 3}, p);
    Object expected = PreluReference.dweight(x, dy, channels, inner);
    for (int parallelism : new int[] {1, 2, 7}) {
      ForkJoinPool pool = new ForkJoinPool(parallelism);
      try (Rectifier r = Rectifier.cpu()) {
        for (int run = 0; run < 3; run++) {
          Object dx = Tensors.copy(dy);
          Object dweight = Tensors.filled(channels, 12345, p);
          pool.submit(() -> PreluCalls.gradient(r, x, dy, dx, weight, inner, dweight)).get();
          assertTrue(
              Tensors.identical(expected, dweight),
              () ->
                  "parallelism "
                      + parallelism
                      + ": dweight "
                      + Tensors.show(dweight, 0)
                      + ", expected "
                      + Tensors.show(expected, 0));
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  /**
   * Within 4·eps·Σ|terms| of the exact sum, on sums that cancel (terms of both signs spread over 40
   * binary orders of magnitude) and on sums of one value a channel (-0.1, -0.7, -0.123456, none of
   * them exact in binary), where a plain sum down a column of 256 rows is already 40 to 60 eps off
   * and every column's error has the same sign.
   */
  @ParameterizedTest
  @CsvSource({"FLOAT, true", "DOUBLE, true", "FLOAT, false", "DOUBLE, false"})
  void withinTheBoundOfTheExactSum(Precision p, boolean cancelling) {
    int channels = 3;
    int inner = 5;
    int n = 70_001;
    double[] xs = RandomValues.draw(Distribution.NORMAL, p, n * channels * inner, 7);
    double[] dys = RandomValues.draw(Distribution.NORMAL, p, xs.length, 8);
    java.util.Random random = new java.util.Random(9);
    for (int i = 0; i < xs.length; i++) {
      if (cancelling) {
        xs[i] = -Math.abs(xs[i]) * Math.scalb(1.0, random.nextInt(41) - 20);
      } else {
        xs[i] = -new double[] {0.1, 0.7, 0.123456}[(i / inner) % channels];
        dys[i] = 1;
      }
    }
    Object x = Tensors.of(xs, p);
    Object dy = Tensors.of(dys, p);
    Object weight = Tensors.of(new double[] {0.1, 0.2, 0.3}, p);
    Object dweight = Tensors.filled(channels, 0, p);
    try (Rectifier r = Rectifier.cpu()) {
      PreluCalls.gradient(r, x, dy, Tensors.copy(dy), weight, inner, dweight);
    }
    BigDecimal[][] exact = PreluReference.exact(x, dy, channels, inner);
    double eps = p == Precision.FLOAT ? 0x1p-24 : 0x1p-53;
    for (int c = 0; c < channels; c++) {
      BigDecimal error = new BigDecimal(Tensors.get(dweight, c)).subtract(exact[0][c]).abs();
      BigDecimal bound = exact[1][c].multiply(new BigDecimal(4 * eps));
      String detail =
          String.format(
              "channel %d: got %s, exact %s, error %s, bound %s",
              c,
              Tensors.show(dweight, c),
              exact[0][c].round(MathContext.DECIMAL64),
              error.round(MathContext.DECIMAL64),
              bound.round(MathContext.DECIMAL64));
      assertTrue(error.compareTo(bound) <= 0, detail);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOAT", "DOUBLE"})
  void anEmptyXGivesZeroWeightGradients(Precision p) {
    for (Backends.Target t : BACKENDS.all()) {
      Object dweight = Tensors.filled(4, 12345, p);
      Object none = Tensors.filled(0, 0, p);
      PreluCalls.gradient(
          t.rectifier(), none, none, Tensors.copy(none), Tensors.filled(4, 1, p), 3, dweight);
      assertTrue(Tensors.identical(Tensors.filled(4, 0, p), dweight), t + " " + p);
      try (DeviceArray e = PreluCalls.upload(t.rectifier(), none);
          DeviceArray w = PreluCalls.upload(t.rectifier(), Tensors.filled(4, 1, p));
          DeviceArray dw = PreluCalls.upload(t.rectifier(), Tensors.filled(4, 12345, p))) {
        t.rectifier().preluGrad(e, e, e, w, 3, dw);
        assertTrue(
            Tensors.identical(Tensors.filled(4, 0, p), PreluCalls.read(dw, dweight)),
            t + " device");
      }
    }
  }
}
