package dev.rectifier.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rectifier.Precision;
import java.util.List;
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
  void sixteenBitDistancesCountStepsOfTheFormat() {
    for (Precision p : List.of(Precision.HALF, Precision.BFLOAT16)) {
      short one = p.round(1f);
      assertEquals(1, Ulps.distance(p, one, (short) (one + 1)), p.toString());
      assertEquals(1, Ulps.distance(p, (short) 0x8000, (short) 0), "-0 and +0 in " + p);
      assertEquals(2, Ulps.distance(p, (short) 0x8001, (short) 0), p.toString());
      short nan = p.round(Float.NaN);
      assertEquals(0, Ulps.distance(p, nan, (short) (nan | 0x8001)), "any NaN is any NaN");
      Bits16 expected = new Bits16(p, new short[] {one, nan, 0});
      Bits16 actual = new Bits16(p, new short[] {(short) (one - 3), nan, 0});
      assertEquals(3, Ulps.maxDiff(expected, actual), p.toString());
    }
  }

  @Test
  void maxDiffIsTheLargestElementDistance() {
    float[] expected = {1f, -0f, Float.NaN, 4f};
    float[] actual = {1f, 0f, Float.NaN, Math.nextUp(Math.nextUp(4f))};
    assertEquals(2, Ulps.maxDiff(expected, actual));
    assertEquals(0, Ulps.maxDiff(new double[] {-0d, 5d}, new double[] {-0d, 5d}));
  }
}
