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

/** In place on every backend: the output may be any input array, and dy may be x. */
@Tag("contract")
class AliasingTest {
  private static final int SIZE = 1000;
  private static final double ALPHA = 0.3;
  @RegisterExtension static final Backends BACKENDS = new Backends();
  @RegisterExtension static final RandomTensors RANDOM = new RandomTensors();

  /** Which arrays are one and the same in a call. */
  enum Aliasing {
    Y_IS_X(Op.LEAKY_RELU),
    DX_IS_DY(Op.LEAKY_RELU_GRAD),
    DX_IS_X(Op.LEAKY_RELU_GRAD),
    DY_IS_X(Op.RELU_GRAD),
    ALL_ONE(Op.LEAKY_RELU_GRAD);

    final Op op;

    Aliasing(Op op) {
      this.op = op;
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target target : BACKENDS.all()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        for (Aliasing a : Aliasing.values()) {
          cases.add(Arguments.of(target, p, a));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void inPlaceGivesTheContractResult(Backends.Target target, Precision p, Aliasing aliasing) {
    Object x = Tensors.copy(RANDOM.get(Distribution.MIXED, p, SIZE, 11));
    Object dy = Tensors.copy(RANDOM.get(Distribution.MIXED, p, SIZE, 12));
    Op op = aliasing.op;
    Object out;
    switch (aliasing) {
      case Y_IS_X, DX_IS_X -> out = x;
      case DX_IS_DY -> out = dy;
      case DY_IS_X -> {
        dy = x;
        out = Tensors.filled(SIZE, 0, p);
      }
      case ALL_ONE -> {
        dy = x;
        out = x;
      }
      default -> throw new AssertionError(aliasing);
    }
    Object dyUsed = op.isGradient() ? dy : null;
    Object expected =
        Expected.of(op, Tensors.copy(x), dyUsed == null ? null : Tensors.copy(dyUsed), ALPHA);
    Object flushing = Expected.flushing(target.mayFlush(p), op, x, dyUsed, ALPHA);
    Object xBefore = Tensors.copy(x);

    Calls.whole(target.rectifier(), op, x, dyUsed, out, ALPHA);

    BitAssert.assertSameBits(
        target + " " + p + " " + aliasing,
        expected,
        flushing,
        out,
        0,
        SIZE,
        i -> "x=" + Tensors.show(xBefore, i));
  }
}
