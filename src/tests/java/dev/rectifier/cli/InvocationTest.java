package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.verify.Computation;
import dev.rectifier.verify.ContractInputs;
import dev.rectifier.verify.Ulps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InvocationTest {

  @ParameterizedTest
  @EnumSource(Op.class)
  void theCpuBackendComputesTheExpectedResultInBothPrecisions(Op op) {
    for (Precision p : Precision.values()) {
      Invocation c = new Invocation(op, Invocation.inputs(p, 1000), 0.25, 1);
      Object out = c.newOutput();
      try (Rectifier cpu = Rectifier.cpu()) {
        c.run(Computation.of(cpu), out);
      }
      assertEquals(0, Ulps.maxDiff(c.expected(), out), op + " " + p);
      assertNotEquals(0, Ulps.maxDiff(c.expected(), c.newOutput()), "unwritten output shows");
    }
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void countsTheBytesOfEveryArrayTouched(Op op) {
    Invocation c = new Invocation(op, Invocation.inputs(Precision.DOUBLE, 100), 0.01, 1);
    assertEquals(100L * op.arrays() * Double.BYTES, c.bytesMoved());
    assertEquals(Precision.DOUBLE, c.precision());
    assertEquals(100, c.size());
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void inputsAreSeededWithADyOfTheirOwn(Precision p) {
    ContractInputs a = Invocation.inputs(p, 50);
    ContractInputs b = Invocation.inputs(p, 50);
    assertEquals(0, Ulps.maxDiff(a.x(), b.x()));
    assertNotEquals(0, Ulps.maxDiff(a.x(), a.dy()));
  }
}
