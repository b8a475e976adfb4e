package dev.rectifier;

import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OpenCL device against the CPU backend on seeded random tensors: all ops, both precisions,
 * sizes from 0 to 10^7, out of place, in place, and on sub-ranges with canaries around the output.
 */
@Tag("contract")
class OpenClMatchesCpuTest {
  private static final int[] SIZES = {0, 1, 3, 7, 93, 1023, 4096, (1 << 20) + 3, 10_000_000};

  @RegisterExtension static final Backends BACKENDS = new Backends();
  @RegisterExtension static final RandomTensors RANDOM = new RandomTensors();

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target device : BACKENDS.openCl()) {
      for (int size : SIZES) {
        for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
          for (Distribution d : Distribution.values()) {
            for (OpCase op : OpCase.ELEMENTWISE) {
              cases.add(Arguments.of(device, p, op, size, d));
            }
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} n={3} {4}")
  @MethodSource("cases")
  void matchesCpu(Backends.Target device, Precision p, OpCase c, int size, Distribution d) {
    Object x = RANDOM.get(d, p, size, 1);
    Object dy = c.op().isGradient() ? RANDOM.get(d, p, size, 2) : null;
    String what = device + " " + p + " " + c + " n=" + size + " " + d;
    Rectifier cpu = BACKENDS.cpu().rectifier();
    Rectifier ocl = device.rectifier();
    boolean mayFlush = device.mayFlush(p);

    Object expected = Tensors.copy(x);
    Calls.whole(cpu, c.op(), x, dy, expected, c.alpha());
    Object flushing = Expected.flushing(mayFlush, c.op(), x, dy, c.alpha());

    Object outOfPlace = Tensors.filled(size, 0, p);
    Calls.whole(ocl, c.op(), x, dy, outOfPlace, c.alpha());
    assertMatches(what + " out of place", expected, flushing, outOfPlace, 0, x, 0, dy, 0, size);

    // In place: y over x for forward ops, dx over dy for gradients.
    Object inPlace = Tensors.copy(c.op().isGradient() ? dy : x);
    Object xIn = c.op().isGradient() ? x : inPlace;
    Calls.whole(ocl, c.op(), xIn, c.op().isGradient() ? inPlace : null, inPlace, c.alpha());
    assertMatches(what + " in place", expected, flushing, inPlace, 0, x, 0, dy, 0, size);

    // Sub-ranges: inputs and output at different offsets in larger arrays, canaries around.
    int xo = 3;
    int dyo = 5;
    int oo = 7;
    int padded = size + 16;
    Object canaries = Tensors.filled(padded, -1234.5, p);
    Object xPadded = Tensors.placed(x, Tensors.filled(padded, Double.NaN, p), xo);
    Object dyPadded = dy == null ? null : Tensors.placed(dy, Tensors.filled(padded, 7, p), dyo);
    Object outPadded = Tensors.copy(canaries);
    Calls.range(ocl, c.op(), xPadded, xo, dyPadded, dyo, outPadded, oo, size, c.alpha());
    Object expectedPadded = Tensors.placed(expected, canaries, oo);
    Object flushingPadded = flushing == null ? null : Tensors.placed(flushing, canaries, oo);
    BitAssert.assertUntouchedOutside(
        what + " sub-range canary", canaries, outPadded, oo, oo + size);
    assertMatches(
        what + " sub-range", expectedPadded, flushingPadded, outPadded, oo, x, -oo, dy, -oo, size);
  }

  /** Compares output elements {@code [from, from + n)}; input {@code i} is at {@code i + shift}. */
  private static void assertMatches(
      String what,
      Object expected,
      Object flushing,
      Object actual,
      int from,
      Object x,
      int xShift,
      Object dy,
      int dyShift,
      int n) {
    BitAssert.assertSameBits(
        what,
        expected,
        flushing,
        actual,
        from,
        from + n,
        i ->
            "x="
                + Tensors.show(x, i + xShift)
                + (dy == null ? "" : " dy=" + Tensors.show(dy, i + dyShift)));
  }
}
