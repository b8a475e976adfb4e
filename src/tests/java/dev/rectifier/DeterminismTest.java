package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same call twice gives the very same bits, NaN payloads included, on every backend and for one
 * Rectifier and a second one. (That the backends agree with each other is {@link
 * OpenClMatchesCpuTest}.)
 */
class DeterminismTest {
  private static final int SIZE = 200_003;
  @RegisterExtension static final Backends BACKENDS = new Backends();
  @RegisterExtension static final RandomTensors RANDOM = new RandomTensors();

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target target : BACKENDS.all()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        for (Op op : Op.values()) {
          cases.add(Arguments.of(target, p, op));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void twoRunsGiveTheSameBits(Backends.Target target, Precision p, Op op) {
    Object x = RANDOM.get(Distribution.MIXED, p, SIZE, 21);
    Object dy = op.isGradient() ? RANDOM.get(Distribution.WIDE, p, SIZE, 22) : null;
    Object first = Tensors.filled(SIZE, 0, p);
    Object second = Tensors.filled(SIZE, 1, p);
    Object other = Tensors.filled(SIZE, 2, p);
    Calls.whole(target.rectifier(), op, x, dy, first, 0.3);
    Calls.whole(target.rectifier(), op, x, dy, second, 0.3);
    try (Rectifier again = target.reopen()) {
      Calls.whole(again, op, x, dy, other, 0.3);
    }
    assertTrue(Tensors.identical(first, second), "two runs differ");
    assertTrue(Tensors.identical(first, other), "a second Rectifier differs");
  }
}
