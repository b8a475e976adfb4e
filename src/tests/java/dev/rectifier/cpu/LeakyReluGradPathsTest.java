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
 * The paths of the CPU leakyReluGrad ({@link FloatLoops}, {@link DoubleLoops}): the slope loop, its
 * patch of blocks where x holds a NaN, the NaN scan when dx is dy, and the select for a = −0, for
 * every aliasing of dx with x and dy. x has NaN (and the other special values) in its middle block
 * only, so the first and last blocks take the slope loop untouched.
 */
@Tag("contract")
class LeakyReluGradPathsTest {
  private static final int BLOCK = 8192;
  private static final int LENGTH = 3 * BLOCK;
  private static final double[] ALPHAS = {0.01, 0, -0.0, -0.375, 5};

  enum Aliasing {
    NONE,
    DX_IS_X,
    DX_IS_DY,
    ALL_ONE_ARRAY
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
      for (double alpha : ALPHAS) {
        for (Aliasing aliasing : Aliasing.values()) {
          cases.add(Arguments.of(p, alpha, aliasing));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} alpha={1} {2}")
  @MethodSource("cases")
  void everyPathKeepsTheContract(Precision p, double alpha, Aliasing aliasing) {
    Object x = specialsInTheMiddleBlock(p, 21);
    Object dy = aliasing == Aliasing.ALL_ONE_ARRAY ? x : specialsInTheMiddleBlock(p, 22);
    Object expected = Expected.of(Op.LEAKY_RELU_GRAD, x, dy, alpha);
    Object dx =
        switch (aliasing) {
          case NONE -> Tensors.filled(LENGTH, -1234.5, p);
          case DX_IS_X, ALL_ONE_ARRAY -> x;
          case DX_IS_DY -> dy;
        };
    try (CpuBackend cpu = new CpuBackend()) {
      cpu.run(Requests.of(Op.LEAKY_RELU_GRAD, x, 0, dy, 0, dx, 0, LENGTH, alpha));
    }
    Comparison c = Comparison.of(expected, null, dx, 0, LENGTH, i -> "i=" + i, 5);
    assertTrue(c.passed(), () -> c.mismatches() + " differ, first: " + c.first());
  }

  /** Normal values, with one in twenty a special value (NaN among them) in the middle block. */
  private static Object specialsInTheMiddleBlock(Precision p, long seed) {
    double[] values = RandomValues.draw(Distribution.NORMAL, p, LENGTH, seed);
    double[] mixed = RandomValues.draw(Distribution.MIXED, p, BLOCK, seed);
    System.arraycopy(mixed, 0, values, BLOCK, BLOCK);
    return Tensors.of(values, p);
  }
}
