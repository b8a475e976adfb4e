package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.cpu.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InvocationTest {
  private static final float ALPHA = 0.25f;

  @ParameterizedTest
  @EnumSource(Op.class)
  void floatCallComputesItsOp(Op op) {
    Invocation c = Invocation.random(op, Precision.FLOAT, 1000, ALPHA);
    float[] x = (float[]) c.x();
    float[] dy = (float[]) c.dy();
    float[] out = (float[]) run(c);
    for (int i = 0; i < x.length; i++) {
      float expected =
          switch (op) {
            case RELU -> Reference.relu(x[i]);
            case RELU_GRAD -> Reference.reluGrad(x[i], dy[i]);
            case LEAKY_RELU -> Reference.leakyRelu(x[i], ALPHA);
            case LEAKY_RELU_GRAD -> Reference.leakyReluGrad(x[i], dy[i], ALPHA);
          };
      assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[i]), op + " at " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void doubleCallComputesItsOp(Op op) {
    Invocation c = Invocation.random(op, Precision.DOUBLE, 1000, ALPHA);
    double[] x = (double[]) c.x();
    double[] dy = (double[]) c.dy();
    double[] out = (double[]) run(c);
    for (int i = 0; i < x.length; i++) {
      double expected =
          switch (op) {
            case RELU -> Reference.relu(x[i]);
            case RELU_GRAD -> Reference.reluGrad(x[i], dy[i]);
            case LEAKY_RELU -> Reference.leakyRelu(x[i], ALPHA);
            case LEAKY_RELU_GRAD -> Reference.leakyReluGrad(x[i], dy[i], ALPHA);
          };
      assertEquals(
          Double.doubleToLongBits(expected), Double.doubleToLongBits(out[i]), op + " at " + i);
    }
  }

  @Test
  void inputsAreSeededAndGradientsGetTheirOwnDy() {
    Invocation a = Invocation.random(Op.RELU_GRAD, Precision.DOUBLE, 100, ALPHA);
    Invocation b = Invocation.random(Op.LEAKY_RELU, Precision.DOUBLE, 100, ALPHA);
    assertTrue(Invocation.sameBits(a.x(), b.x()));
    assertFalse(Invocation.sameBits(a.x(), a.dy()));
    assertEquals(null, b.dy());
    assertEquals(100L * 3 * Double.BYTES, a.bytesMoved());
  }

  @Test
  void sameBitsMatchesAnyNaNButNotZerosOfOtherSign() {
    assertTrue(
        Invocation.sameBits(new float[] {Float.NaN}, new float[] {Float.intBitsToFloat(-1)}));
    assertFalse(Invocation.sameBits(new float[] {-0f}, new float[] {0f}));
    assertTrue(
        Invocation.sameBits(
            new double[] {Double.NaN},
            new double[] {Double.longBitsToDouble(0x7ff0_0000_0000_0001L)}));
    assertFalse(Invocation.sameBits(new double[] {-0d}, new double[] {0d}));
  }

  @Test
  void anOutputLeftUnwrittenDoesNotMatch() {
    Invocation c = Invocation.random(Op.RELU, Precision.FLOAT, 10, ALPHA);
    assertFalse(Invocation.sameBits(run(c), c.newOutput()));
  }

  private static Object run(Invocation c) {
    Object out = c.newOutput();
    try (Rectifier cpu = Rectifier.cpu()) {
      c.run(cpu, out);
    }
    return out;
  }
}
