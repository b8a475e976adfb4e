package dev.rectifier.half;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The array forms of {@link Fp16} and {@link Bf16}: each element as the scalar form, checked. */
class Arrays16Test {
  private static final float[] FLOATS = {1f, -0f, 65520f, 0x1p-24f, Float.NaN, 1.00390625f};

  @Test
  void eachElementConvertsAsTheScalarForm() {
    short[] half = new short[FLOATS.length];
    short[] bfloat16 = new short[FLOATS.length];
    Fp16.fromFloats(FLOATS, half);
    Bf16.fromFloats(FLOATS, bfloat16);
    float[] fromHalf = new float[FLOATS.length];
    float[] fromBfloat16 = new float[FLOATS.length];
    Fp16.toFloats(half, fromHalf);
    Bf16.toFloats(bfloat16, fromBfloat16);
    for (int i = 0; i < FLOATS.length; i++) {
      assertEquals(Fp16.fromFloat(FLOATS[i]), half[i], "half " + i);
      assertEquals(Bf16.fromFloat(FLOATS[i]), bfloat16[i], "bfloat16 " + i);
      assertEquals(Fp16.toFloat(half[i]), fromHalf[i], "from half " + i);
      assertEquals(Bf16.toFloat(bfloat16[i]), fromBfloat16[i], "from bfloat16 " + i);
    }
    assertArrayEquals(new short[] {0x3C00, (short) 0x8000, 0x7C00, 0x0001, 0x7E00, 0x3C04}, half);
  }

  @Test
  void badArgumentsAreRefusedNamingThem() {
    short[] three = new short[3];
    assertEquals(
        "bits.length 3 differs from floats.length 6",
        assertThrows(IllegalArgumentException.class, () -> Fp16.fromFloats(FLOATS, three))
            .getMessage());
    assertEquals(
        "bits.length 3 differs from floats.length 6",
        assertThrows(IllegalArgumentException.class, () -> Bf16.toFloats(three, FLOATS))
            .getMessage());
    assertEquals(
        "floats must not be null",
        assertThrows(NullPointerException.class, () -> Bf16.fromFloats(null, three)).getMessage());
    assertEquals(
        "bits must not be null",
        assertThrows(NullPointerException.class, () -> Fp16.toFloats(null, new float[1]))
            .getMessage());
  }
}
