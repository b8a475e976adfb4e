package dev.rectifier.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Requests;
import dev.rectifier.TestPrecisions;
import dev.rectifier.verify.Comparison;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CPU backend's two paths, every array at one offset (straight loops) and at different offsets
 * (staged through scratch blocks), on lengths around its block size and above its parallel
 * threshold, against the contract, with canaries around the output.
 */
@Tag("contract")
class CpuBackendTest {
  private static final int[] LENGTHS = {1, 8191, 8192, 8193, 200_003};

  /** Offsets of x, dy and the output. */
  private static final int[][] OFFSETS = {{0, 0, 0}, {4, 4, 4}, {3, 5, 7}, {7, 0, 3}};

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
      for (Op op : Op.values()) {
        for (int length : LENGTHS) {
          for (int[] offsets : OFFSETS) {
            cases.add(Arguments.of(p, op, length, offsets[0], offsets[1], offsets[2]));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} n={2} offsets x={3} dy={4} out={5}")
  @MethodSource("cases")
  void rangesAtAnyOffsetsKeepTheContract(Precision p, Op op, int n, int xo, int dyo, int oo) {
    double alpha = op.takesAlpha() ? -0.375 : 0;
    Object x = Tensors.of(RandomValues.draw(Distribution.MIXED, p, n, 11), p);
    Object dy =
        op.isGradient() ? Tensors.of(RandomValues.draw(Distribution.MIXED, p, n, 12), p) : null;
    int padded = n + 16;
    Object xIn = Tensors.placed(x, Tensors.filled(padded, Double.NaN, p), xo);
    Object dyIn = dy == null ? null : Tensors.placed(dy, Tensors.filled(padded, 5, p), dyo);
    Object canaries = Tensors.filled(padded, -1234.5, p);
    Object out = Tensors.copy(canaries);
    try (CpuBackend cpu = new CpuBackend()) {
      cpu.run(Requests.of(op, xIn, xo, dyIn, dyo, out, oo, n, alpha));
    }
    Object expected = Tensors.placed(Expected.of(op, x, dy, alpha), canaries, oo);
    Comparison c = Comparison.of(expected, null, out, 0, padded, i -> "i=" + i, 5);
    assertTrue(c.passed(), () -> c.mismatches() + " differ, first: " + c.first());
  }
}
