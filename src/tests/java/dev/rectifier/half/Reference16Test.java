package dev.rectifier.half;

import static dev.rectifier.half.AllFloats.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.half.Reference16.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exhaustive op tests' reference, {@link Reference16}, held to the contract's named cases and
 * cross-checked with the library's own conversions ({@link Fp16}, {@link Bf16}, proven against
 * Java's and PyTorch's in their tests): two conversions written apart that agree on every 16-bit
 * pattern and on floats around every rounding boundary.
 */
class Reference16Test {
  /** Low halves of a float: zero, around HALF's ties (bit 12) and BFLOAT16's (bit 15), all ones. */
  private static final int[] LOW_HALVES = {
    0x0000, 0x0001, 0x0FFF, 0x1000, 0x1001, 0x2000, 0x2FFF, 0x3000, 0x3001, 0x7FFF, 0x8000, 0x8001,
    0xE000, 0xFFFF
  };

  @Test
  void everyPatternWidensAsTheLibrary() {
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 1 << 16; i++) {
      short b = (short) i;
      check(wrong, "HALF " + hex(b), Format.HALF.widen(b), Fp16.toFloat(b));
      check(wrong, "BFLOAT16 " + hex(b), Format.BFLOAT16.widen(b), Bf16.toFloat(b));
      if (!Format.HALF.isNaN(b)) {
        check(wrong, "HALF back " + hex(b), Format.HALF.round(Format.HALF.widen(b)), b);
      }
      if (!Format.BFLOAT16.isNaN(b)) {
        check(wrong, "BFLOAT16 back " + hex(b), Format.BFLOAT16.round(Format.BFLOAT16.widen(b)), b);
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(AllFloats.KEPT, wrong.size())));
  }

  /**
   * Every float whose low half is one of {@link #LOW_HALVES} (each high half: every sign, exponent
   * and top significand bits, so every rounding boundary of both formats, subnormal ones included,
   * NaNs and infinities), and a million random floats.
   */
  @Test
  void floatsAroundEveryBoundaryRoundAsTheLibrary() {
    List<String> wrong = new ArrayList<>();
    for (int high = 0; high < 1 << 16; high++) {
      for (int low : LOW_HALVES) {
        checkRounding(wrong, (high << 16) | low);
      }
    }
    SplittableRandom random = new SplittableRandom(25);
    for (int i = 0; i < 1_000_000; i++) {
      checkRounding(wrong, random.nextInt());
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(AllFloats.KEPT, wrong.size())));
  }

  @Test
  void theContractsNamedCases() {
    // Ties to even both ways; HALF's and BFLOAT16's largest finite values and the ties above them.
    assertRounds(Format.HALF, 0x3F80_1000, 0x3C00);
    assertRounds(Format.HALF, 0x3F80_3000, 0x3C02);
    assertRounds(Format.BFLOAT16, 0x3F80_8000, 0x3F80);
    assertRounds(Format.BFLOAT16, 0x3F81_8000, 0x3F82);
    assertEquals(65504.0, Format.HALF.largestFinite());
    assertRounds(Format.HALF, Float.floatToRawIntBits(65504f), 0x7BFF);
    assertRounds(Format.HALF, Float.floatToRawIntBits(Math.nextDown(65520f)), 0x7BFF);
    assertRounds(Format.HALF, Float.floatToRawIntBits(65520f), 0x7C00);
    assertRounds(Format.HALF, Float.floatToRawIntBits(-Float.MAX_VALUE), 0xFC00);
    assertRounds(Format.BFLOAT16, 0x7F7F_7FFF, 0x7F7F);
    assertRounds(Format.BFLOAT16, 0x7F7F_8000, 0x7F80);
    assertRounds(Format.BFLOAT16, 0xFF80_0000, 0xFF80);
    // Subnormals kept, the tie below the smallest to zero, the sign of zero kept.
    assertRounds(Format.HALF, Float.floatToRawIntBits(0x1p-25f), 0x0000);
    assertRounds(Format.HALF, Float.floatToRawIntBits(Math.nextUp(0x1p-25f)), 0x0001);
    assertRounds(Format.HALF, Float.floatToRawIntBits(-0x1p-26f), 0x8000);
    assertRounds(Format.HALF, Float.floatToRawIntBits(-0.0f), 0x8000);
    assertRounds(Format.BFLOAT16, 0x0001_0000, 0x0001);
    assertRounds(Format.BFLOAT16, 0x0000_8000, 0x0000);
    assertRounds(Format.BFLOAT16, 0x8000_0001, 0x8000);
    // The NaN rule, both ways.
    assertRounds(Format.HALF, 0xFF80_0001, 0xFE00);
    assertRounds(Format.HALF, 0x7FBF_E000, 0x7FFF);
    assertRounds(Format.BFLOAT16, 0xFF81_0000, 0xFFC1);
    assertEquals(0x7FC0_2000, Float.floatToRawIntBits(Format.HALF.widen((short) 0x7C01)));
    assertEquals(0x7FC1_0000, Float.floatToRawIntBits(Format.BFLOAT16.widen((short) 0x7F81)));
    assertTrue(Format.HALF.matches((short) 0x7C01, (short) 0xFE00), "any quiet NaN");
    assertTrue(!Format.HALF.matches((short) 0x7E00, (short) 0x7C01), "a signalling NaN");
    assertTrue(!Format.BFLOAT16.matches((short) 0x0001, (short) 0x0000), "a flushed subnormal");
  }

  private static void checkRounding(List<String> wrong, int floatBits) {
    float f = Float.intBitsToFloat(floatBits);
    check(wrong, "HALF " + hex(floatBits), Format.HALF.round(f), Fp16.fromFloat(f));
    check(wrong, "BFLOAT16 " + hex(floatBits), Format.BFLOAT16.round(f), Bf16.fromFloat(f));
  }

  private static void check(List<String> wrong, String what, float mine, float library) {
    if (Float.floatToRawIntBits(mine) != Float.floatToRawIntBits(library)) {
      wrong.add(
          what
              + ": reference "
              + hex(Float.floatToRawIntBits(mine))
              + ", library "
              + hex(Float.floatToRawIntBits(library)));
    }
  }

  private static void check(List<String> wrong, String what, short mine, short library) {
    if (mine != library) {
      wrong.add(what + ": reference " + hex(mine) + ", library " + hex(library));
    }
  }

  private static void assertRounds(Format f, int floatBits, int expected) {
    assertEquals(
        hex((short) expected),
        hex(f.round(Float.intBitsToFloat(floatBits))),
        f + " round(" + hex(floatBits) + ")");
  }
}
