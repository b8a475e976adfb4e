package dev.rectifier.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Pins the reference formulas to hand-worked values of the contract, so that the oracle every
 * backend is compared with is itself checked against the contract's table.
 */
class ReferenceTest {
  private static final float FMIN = Float.MIN_VALUE;
  private static final float FINF = Float.POSITIVE_INFINITY;

  /** Compares raw bits: -0.0 and +0.0 differ. */
  private static void assertBits(float expected, float actual) {
    assertEquals(
        Float.floatToRawIntBits(expected),
        Float.floatToRawIntBits(actual),
        () -> "expected " + expected + ", got " + actual);
  }

  private static void assertBits(double expected, double actual) {
    assertEquals(
        Double.doubleToRawLongBits(expected),
        Double.doubleToRawLongBits(actual),
        () -> "expected " + expected + ", got " + actual);
  }

  /**
   * The weight gradient a flushing device may give: a subnormal input is read as zero, and a
   * product or sum that rounds to a subnormal is zero; the exact order's sum keeps them.
   */
  @Test
  void theFlushedWeightGradientFlushesInputsProductsAndSums() {
    float[] x = {-Float.MIN_NORMAL, -FMIN, -1f};
    float[] dy = {0.5f, 1f, 0f};
    float exact = ((float[]) PreluReference.dweight(x, dy, 1, 1))[0];
    float flushed = ((float[]) PreluReference.dweightFlushed(x, dy, 1, 1))[0];
    assertBits(-Float.MIN_NORMAL / 2 - FMIN, exact);
    assertBits(0f, flushed); // the sum starts from +0
    float[] normal = {-2f, -3f};
    assertBits(
        ((float[]) PreluReference.dweight(normal, normal, 1, 1))[0],
        ((float[]) PreluReference.dweightFlushed(normal, normal, 1, 1))[0]);
  }

  @Test
  void reluKeepsPositivesPropagatesNanAndGivesPositiveZeroElsewhere() {
    assertBits(2.5f, Reference.relu(2.5f));
    assertBits(FMIN, Reference.relu(FMIN));
    assertBits(0f, Reference.relu(-0f));
    assertBits(0f, Reference.relu(-FMIN));
    assertBits(0f, Reference.relu(-FINF));
    assertBits(0f, Reference.relu(-3f));
    assertBits(FINF, Reference.relu(FINF));
    assertTrue(Float.isNaN(Reference.relu(Float.NaN)));
    assertBits(0d, Reference.relu(-0d));
    assertBits(0d, Reference.relu(Double.NEGATIVE_INFINITY));
    assertBits(Double.MIN_VALUE, Reference.relu(Double.MIN_VALUE));
    assertTrue(Double.isNaN(Reference.relu(Double.NaN)));
  }

  @Test
  void reluGradPassesDyOnlyForPositiveX() {
    assertBits(7f, Reference.reluGrad(FMIN, 7f));
    assertBits(0f, Reference.reluGrad(0f, 7f)); // derivative at 0 is 0
    assertBits(0f, Reference.reluGrad(-0f, 7f));
    assertBits(0f, Reference.reluGrad(-1f, Float.NaN));
    assertBits(0f, Reference.reluGrad(Float.NaN, 5f));
    assertTrue(Float.isNaN(Reference.reluGrad(1f, Float.NaN)));
    assertBits(-0f, Reference.reluGrad(1f, -0f));
    assertBits(0d, Reference.reluGrad(-2d, -3d));
    assertBits(-3d, Reference.reluGrad(2d, -3d));
  }

  @Test
  void leakyReluIsAlphaTimesXForNonPositiveX() {
    assertBits(-5f, Reference.leakyRelu(-1f, 5f)); // max(a*x, x) would give -1
    assertBits(-1.5f, Reference.leakyRelu(-3f, 0.5f));
    assertBits(1.5f, Reference.leakyRelu(-3f, -0.5f));
    assertBits(3f, Reference.leakyRelu(3f, 5f));
    assertBits(-0f, Reference.leakyRelu(-0f, 0.01f)); // a * (-0.0)
    assertBits(0f, Reference.leakyRelu(-0f, -0.5f));
    assertBits(0f, Reference.leakyRelu(0f, 0.01f));
    assertBits(-0f, Reference.leakyRelu(-FMIN, 0.5f)); // half the smallest subnormal rounds to -0
    assertBits(-FINF, Reference.leakyRelu(-FINF, 0.01f));
    assertBits(FINF, Reference.leakyRelu(-FINF, -0.5f));
    assertTrue(Float.isNaN(Reference.leakyRelu(-FINF, 0f))); // 0 * -Inf
    assertTrue(Float.isNaN(Reference.leakyRelu(Float.NaN, 0.2f)));
    assertBits(-0.25d, Reference.leakyRelu(-0.5d, 0.5d));
    assertBits(-Double.MAX_VALUE, Reference.leakyRelu(-Double.MAX_VALUE, 1d));
    assertBits(Double.NEGATIVE_INFINITY, Reference.leakyRelu(-Double.MAX_VALUE, 5d));
  }

  @Test
  void leakyReluGradIsAlphaTimesDyForNonPositiveX() {
    assertBits(1f, Reference.leakyReluGrad(0f, 4f, 0.25f)); // derivative at 0 is a
    assertBits(4f, Reference.leakyReluGrad(FMIN, 4f, 0.25f));
    assertBits(1f, Reference.leakyReluGrad(Float.NaN, 2f, 0.5f));
    assertBits(-0f, Reference.leakyReluGrad(1f, -0f, 5f));
    assertBits(-0f, Reference.leakyReluGrad(-1f, -0f, 5f));
    assertBits(0f, Reference.leakyReluGrad(-1f, -0f, -5f));
    assertTrue(Float.isNaN(Reference.leakyReluGrad(-1f, FINF, 0f))); // 0 * Inf
    assertTrue(Float.isNaN(Reference.leakyReluGrad(-1f, Float.NaN, 0.01f)));
    assertBits(-6d, Reference.leakyReluGrad(-1d, 3d, -2d));
    assertBits(3d, Reference.leakyReluGrad(1d, 3d, -2d));
  }
}
