package dev.rectifier;

import dev.rectifier.verify.ContractInputs;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.SpecialValues;
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
 * The contract on every backend: every op, both precisions, every special value (for gradients,
 * every pair of special x and dy) and every alpha of the contract, bit for bit.
 */
@Tag("contract")
class ContractTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target target : BACKENDS.all()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        for (Op op : Op.values()) {
          double[] alphas = op.takesAlpha() ? SpecialValues.alphas() : new double[] {0};
          for (double alpha : alphas) {
            cases.add(Arguments.of(target, p, op, alpha));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} alpha={3}")
  @MethodSource("cases")
  void keepsTheContractOnSpecialValues(Backends.Target target, Precision p, Op op, double alpha) {
    ContractInputs in = ContractInputs.specials(op, p);
    Object x = in.x();
    Object dy = in.dy();
    Object out = Tensors.filled(in.length(), 12345, p);

    Calls.whole(target.rectifier(), op, x, dy, out, alpha);

    Object expected = Expected.of(op, x, dy, alpha);
    Object flushing = Expected.flushing(target.mayFlush(p), op, x, dy, alpha);
    BitAssert.assertSameBits(
        target + " " + op + " " + p + " alpha=" + alpha,
        expected,
        flushing,
        out,
        0,
        in.length(),
        in::describe);
  }
}
