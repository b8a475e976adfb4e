package dev.rectifier.half;

import static dev.rectifier.half.AllFloats.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Bf16} against PyTorch's rounding on every float, every bfloat16 back to float, and the
 * cases docs/contract.md names.
 */
class Bf16Test {
  @Test
  void everyFloatRoundsAsPyTorchsRoundToNearestEven() throws Exception {
    List<String> wrong =
        AllFloats.mismatches(
            (high, mismatches) -> {
              for (int low = 0; low < 1 << 16; low++) {
                int bits = high | low;
                float f = Float.intBitsToFloat(bits);
                short mine = Bf16.fromFloat(f);
                short pytorch = pyTorchRoundToNearestEven(f);
                boolean right =
                    Float.isNaN(f) ? isNaN(pytorch) && mine == quietNaN(bits) : mine == pytorch;
                if (!right) {
                  mismatches.add(hex(bits) + " gave " + hex(mine) + ", PyTorch " + hex(pytorch));
                }
              }
            });
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyBfloat16IsTheFloatOfItsBits() {
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 1 << 16; i++) {
      short b = (short) i;
      int mine = Float.floatToRawIntBits(Bf16.toFloat(b));
      int expected = isNaN(b) ? (i << 16) | 0x40_0000 : i << 16; // the contract's NaN rule
      if (mine != expected) {
        wrong.add(hex(b) + " gave " + hex(mine) + ", is " + hex(expected));
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(AllFloats.KEPT, wrong.size())));
  }

  @Test
  void tiesGoToTheEvenNeighbourBothWays() {
    assertRounds(0x3F80_8000, 0x3F80); // a tie above one: down to one (truncating agrees here)
    assertRounds(0x3F81_8000, 0x3F82); // the next tie: up (truncating gives the odd one)
    assertRounds(0x3F80_8001, 0x3F81); // just above the tie
    assertRounds(0xBF81_8000, 0xBF82); // the sign's side alike
    assertRounds(0x0001_8000, 0x0002); // a tie between subnormals: up
  }

  @Test
  void theLargestFiniteBfloat16AndOverflowToInfinity() {
    assertRounds(0x7F7F_0000, 0x7F7F);
    assertRounds(0x7F7F_7FFF, 0x7F7F);
    assertRounds(0x7F7F_8000, 0x7F80); // the tie above the largest: to the even infinity
    assertRounds(Float.floatToRawIntBits(Float.MAX_VALUE), 0x7F80);
    assertRounds(Float.floatToRawIntBits(-Float.MAX_VALUE), 0xFF80);
    assertRounds(Float.floatToRawIntBits(Float.NEGATIVE_INFINITY), 0xFF80);
  }

  @Test
  void subnormalsAreKeptAndZerosKeepTheirSign() {
    assertRounds(0x0001_0000, 0x0001);
    assertRounds(0x0000_8000, 0x0000); // the tie between zero and the smallest: zero
    assertRounds(0x0000_8001, 0x0001);
    assertRounds(Float.floatToRawIntBits(-Float.MIN_VALUE), 0x8000);
    assertRounds(Float.floatToRawIntBits(-0.0f), 0x8000);
    assertEquals(0x0001_0000, Float.floatToRawIntBits(Bf16.toFloat((short) 0x0001)));
    assertEquals(0x8000_0000, Float.floatToRawIntBits(Bf16.toFloat((short) 0x8000)));
  }

  @Test
  void aNaNKeepsItsSignAndTopBitsAndBecomesQuiet() {
    assertRounds(0x7F80_0001, 0x7FC0); // signalling, its payload below what a bfloat16 holds
    assertRounds(0xFF81_0000, 0xFFC1);
    assertEquals(0x7FC1_0000, Float.floatToRawIntBits(Bf16.toFloat((short) 0x7F81)));
  }

  private static void assertRounds(int floatBits, int bfloat16Bits) {
    AllFloats.assertRounds(Format16.BFLOAT16, floatBits, bfloat16Bits);
  }

  /**
   * c10/util/BFloat16.h's {@code round_to_nearest_even}: every NaN is 0x7FC0; otherwise add 0x7FFF
   * plus the kept half's lowest bit, as an unsigned 32-bit sum, and keep the top 16 bits.
   */
  private static short pyTorchRoundToNearestEven(float src) {
    if (Float.isNaN(src)) {
      return (short) 0x7FC0;
    }
    int u32 = Float.floatToRawIntBits(src);
    int roundingBias = ((u32 >>> 16) & 1) + 0x7FFF;
    return (short) ((u32 + roundingBias) >>> 16);
  }

  /** docs/contract.md's rule, float to BFLOAT16: {@code (bits >>> 16) | 0x0040}. */
  private static short quietNaN(int floatBits) {
    return (short) ((floatBits >>> 16) | 0x0040);
  }

  private static boolean isNaN(short bfloat16) {
    return (bfloat16 & 0x7F80) == 0x7F80 && (bfloat16 & 0x7F) != 0;
  }
}
