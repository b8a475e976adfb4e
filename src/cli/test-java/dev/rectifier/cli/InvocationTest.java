package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.TestPrecisions;
import dev.rectifier.verify.ContractInputs;
import dev.rectifier.verify.Ulps;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InvocationTest {

  @ParameterizedTest
  @EnumSource(BenchOp.class)
  void theCpuBackendComputesTheExpectedResultInBothPrecisions(BenchOp op) {
    for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
      Invocation c = new Invocation(op, Invocation.inputs(p, 1050), 0.25, 3, 7, 1);
      Object out = c.newOutput();
      try (Rectifier cpu = Rectifier.cpu()) {
        c.run(cpu, out);
      }
      assertEquals(0, c.maxUlpDiff(c.expected(), out, null), op + " " + p);
      assertNotEquals(0, Ulps.maxDiff(c.expected(), c.newOutput()), "unwritten output shows");
      if (op == BenchOp.PRELU_GRAD) {
        assertNotEquals(
            0, c.maxUlpDiff(c.expected(), out, c.newDweight()), "an unwritten dweight shows");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(BenchOp.class)
  void theCpuBackendComputesTheExpectedResultInHalfAndBfloat16(BenchOp op) {
    for (Precision p : List.of(Precision.HALF, Precision.BFLOAT16)) {
      Invocation c = new Invocation(op, Invocation.inputs(p, 1050), 0.3, 3, 7, 1);
      assertEquals(p, c.precision());
      Object out = c.newOutput();
      try (Rectifier cpu = Rectifier.cpu()) {
        c.run(cpu, out);
      }
      assertEquals(0, c.maxUlpDiff(c.expected(), out, null), op + " " + p);
      assertNotEquals(0, Ulps.maxDiff(c.expected(), c.newOutput()), "unwritten output shows");
      if (op.isPrelu()) {
        assertInstanceOf(float[].class, c.weight(), "16-bit elements, float weights");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(BenchOp.class)
  void countsTwoBytesForEachSixteenBitElement(BenchOp op) {
    Invocation c = new Invocation(op, Invocation.inputs(Precision.BFLOAT16, 100), 0.01);
    assertEquals(100L * op.arrays() * 2, c.bytesMoved());
  }

  @ParameterizedTest
  @EnumSource(BenchOp.class)
  void countsTheBytesOfEveryArrayTouched(BenchOp op) {
    Invocation c = new Invocation(op, Invocation.inputs(Precision.DOUBLE, 100), 0.01);
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
