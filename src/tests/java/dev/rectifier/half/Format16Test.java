package dev.rectifier.half;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rectifier.Precision;
import org.junit.jupiter.api.Test;

/**
 * {@link Format16}'s array and range forms, and {@link Precision}'s public conversions through it:
 * each element as the scalar form, checked.
 */
class Format16Test {
  private static final float[] FLOATS = {1f, -0f, 65520f, 0x1p-24f, Float.NaN, 1.00390625f};

  @Test
  void eachElementConvertsAsTheScalarForm() {
    short[] half = new short[FLOATS.length];
    short[] bfloat16 = new short[FLOATS.length];
    Precision.HALF.round(FLOATS, half);
    Precision.BFLOAT16.round(FLOATS, bfloat16);
    float[] fromHalf = new float[FLOATS.length];
    float[] fromBfloat16 = new float[FLOATS.length];
    Precision.HALF.widen(half, fromHalf);
    Precision.BFLOAT16.widen(bfloat16, fromBfloat16);
    for (int i = 0; i < FLOATS.length; i++) {
      assertEquals(Fp16.fromFloat(FLOATS[i]), half[i], "half " + i);
      assertEquals(Bf16.fromFloat(FLOATS[i]), bfloat16[i], "bfloat16 " + i);
      assertEquals(Fp16.toFloat(half[i]), fromHalf[i], "from half " + i);
      assertEquals(Bf16.toFloat(bfloat16[i]), fromBfloat16[i], "from bfloat16 " + i);
      assertEquals(half[i], Precision.HALF.round(FLOATS[i]), "scalar half " + i);
      assertEquals(fromBfloat16[i], Precision.BFLOAT16.widen(bfloat16[i]), "scalar bf16 " + i);
    }
    assertArrayEquals(new short[] {0x3C00, (short) 0x8000, 0x7C00, 0x0001, 0x7E00, 0x3C04}, half);
  }

  @Test
  void rangesConvertOnlyTheirElements() {
    short[] bits = {7, 7, 7, 7};
    Format16.HALF.round(FLOATS, 2, bits, 1, 2);
    assertArrayEquals(new short[] {7, 0x7C00, 0x0001, 7}, bits);
    float[] floats = {5f, 5f, 5f};
    Format16.BFLOAT16.widen(new short[] {0x3F80, (short) 0xC000}, 1, floats, 2, 1);
    assertArrayEquals(new float[] {5f, 5f, -2f}, floats);
  }

  @Test
  void badArgumentsAreRefusedNamingThem() {
    short[] three = new short[3];
    assertEquals(
        "bits.length 3 differs from floats.length 6",
        assertThrows(IllegalArgumentException.class, () -> Precision.HALF.round(FLOATS, three))
            .getMessage());
    assertEquals(
        "bits.length 3 differs from floats.length 6",
        assertThrows(IllegalArgumentException.class, () -> Precision.BFLOAT16.widen(three, FLOATS))
            .getMessage());
    assertEquals(
        "floats must not be null",
        assertThrows(NullPointerException.class, () -> Precision.BFLOAT16.round(null, three))
            .getMessage());
    assertEquals(
        "bits must not be null",
        assertThrows(NullPointerException.class, () -> Precision.HALF.widen(null, new float[1]))
            .getMessage());
    assertEquals(
        "precision must be HALF or BFLOAT16 for 16-bit elements, was FLOAT",
        assertThrows(IllegalArgumentException.class, () -> Precision.FLOAT.round(1f)).getMessage());
    assertEquals(
        "precision must be HALF or BFLOAT16 for 16-bit elements, was DOUBLE",
        assertThrows(IllegalArgumentException.class, () -> Precision.DOUBLE.widen(three, FLOATS))
            .getMessage());
  }
}
