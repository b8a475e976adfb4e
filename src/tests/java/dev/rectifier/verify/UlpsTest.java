package dev.rectifier.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UlpsTest {

  @Test
  void neighboursAreOneApartAcrossZero() {
    assertEquals(0, Ulps.distance(1f, 1f));
    assertEquals(1, Ulps.distance(1f, Math.nextUp(1f)));
    assertEquals(1, Ulps.distance(-0f, 0f));
    assertEquals(1, Ulps.distance(0f, Float.MIN_VALUE));
    assertEquals(2, Ulps.distance(-Float.MIN_VALUE, 0f));
    assertEquals(1, Ulps.distance(-0d, 0d));
    assertEquals(3, Ulps.distance(2d, Math.nextUp(Math.nextUp(Math.nextUp(2d)))));
  }

  @Test
  void nansAreEqualWhateverThePayloadButFarFromNumbers() {
    assertEquals(0, Ulps.distance(Float.NaN, Float.intBitsToFloat(0xffc00001)));
    assertEquals(0, Ulps.distance(Double.NaN, Double.longBitsToDouble(0xfff0000000000001L)));
    assertEquals(Float.floatToRawIntBits(Float.NaN) + 1L, Ulps.distance(-0f, Float.NaN));
    assertEquals(Long.MAX_VALUE, Ulps.distance(-Double.MAX_VALUE, Double.NaN));
  }

  @Test
  void maxDiffIsTheLargestElementDistance() {
    float[] expected = {1f, -0f, Float.NaN, 4f};
    float[] actual = {1f, 0f, Float.NaN, Math.nextUp(Math.nextUp(4f))};
    assertEquals(2, Ulps.maxDiff(expected, actual));
    assertEquals(0, Ulps.maxDiff(new double[] {-0d, 5d}, new double[] {-0d, 5d}));
  }
}
