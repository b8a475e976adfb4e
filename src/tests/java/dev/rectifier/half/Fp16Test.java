package dev.rectifier.half;

import static dev.rectifier.half.AllFloats.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Fp16} against Java's own {@code Float.floatToFloat16} and {@code Float.float16ToFloat} on
 * every float and every half, and on the cases docs/contract.md names. Java has them from 20 on:
 * the tests compile for 17, so they are reached by a {@code MethodHandle}; the exhaustive tests are
 * tagged {@code contract} so that the Java 25 runs (the parent pom's java25 profile) run them, and
 * fail there if the methods are missing. On Java 17 they are skipped.
 */
class Fp16Test {
  private static final MethodHandle JAVA_FROM_FLOAT =
      javaMethod("floatToFloat16", short.class, float.class);
  private static final MethodHandle JAVA_TO_FLOAT =
      javaMethod("float16ToFloat", float.class, short.class);

  @Test
  @Tag("java20")
  void everyFloatRoundsAsJavasFloatToFloat16() throws Exception {
    present(JAVA_FROM_FLOAT, "floatToFloat16");
    List<String> wrong =
        AllFloats.mismatches(
            (high, mismatches) -> {
              for (int low = 0; low < 1 << 16; low++) {
                int bits = high | low;
                float f = Float.intBitsToFloat(bits);
                short mine = Fp16.fromFloat(f);
                short java = (short) JAVA_FROM_FLOAT.invokeExact(f);
                boolean right =
                    Float.isNaN(f) ? isNaN(java) && mine == quietNaN(bits) : mine == java;
                if (!right) {
                  mismatches.add(hex(bits) + " gave " + hex(mine) + ", Java " + hex(java));
                }
              }
            });
    assertEquals(List.of(), wrong);
  }

  @Test
  @Tag("java20")
  void everyHalfIsTheFloatOfJavasFloat16ToFloat() throws Throwable {
    present(JAVA_TO_FLOAT, "float16ToFloat");
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 1 << 16; i++) {
      short h = (short) i;
      int mine = Float.floatToRawIntBits(Fp16.toFloat(h));
      float java = (float) JAVA_TO_FLOAT.invokeExact(h);
      boolean right =
          isNaN(h)
              ? Float.isNaN(java) && mine == quietNaN(h)
              : mine == Float.floatToRawIntBits(java);
      if (!right) {
        wrong.add(hex(h) + " gave " + hex(mine) + ", Java " + hex(Float.floatToRawIntBits(java)));
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(AllFloats.KEPT, wrong.size())));
  }

  /** Java 17 too: every half's value, from the format's definition, and back to its own bits. */
  @Test
  void everyHalfIsItsValueAndRoundsBackToItself() {
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 1 << 16; i++) {
      short h = (short) i;
      if (isNaN(h)) {
        continue; // everyHalfIsTheFloatOfJavasFloat16ToFloat and the named NaNs
      }
      int exponent = (i >> 10) & 0x1F;
      double significand = i & 0x3FF;
      double magnitude =
          exponent == 0x1F
              ? Double.POSITIVE_INFINITY
              : exponent == 0
                  ? Math.scalb(significand, -24)
                  : Math.scalb(1024 + significand, exponent - 25);
      float value = (float) ((i & 0x8000) != 0 ? -magnitude : magnitude);
      float mine = Fp16.toFloat(h);
      if (Float.floatToRawIntBits(mine) != Float.floatToRawIntBits(value)
          || Fp16.fromFloat(mine) != h) {
        wrong.add(hex(h) + " gave " + mine + ", is " + value);
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(AllFloats.KEPT, wrong.size())));
  }

  @Test
  void tiesGoToTheEvenNeighbourBothWays() {
    assertRounds(0x3F80_1000, 0x3C00); // a tie above one: down to one (adding 0x1000 rounds it up)
    assertRounds(0x3F80_3000, 0x3C02); // the next tie: up
    assertRounds(0x3F80_1001, 0x3C01); // just above the tie
    assertRounds(0xBF80_1000, 0xBC00); // the sign's side alike
    assertRounds(0x33C0_0000, 0x0002); // a tie between subnormals: up
    assertRounds(0x3300_0000, 0x0000); // the tie between zero and the smallest: zero
  }

  @Test
  void theLargestFiniteHalfAndOverflowToInfinity() {
    assertRounds(Float.floatToRawIntBits(65504f), 0x7BFF);
    assertRounds(Float.floatToRawIntBits(Math.nextDown(65520f)), 0x7BFF);
    assertRounds(Float.floatToRawIntBits(65520f), 0x7C00);
    assertRounds(Float.floatToRawIntBits(-65520f), 0xFC00);
    assertRounds(Float.floatToRawIntBits(Float.MAX_VALUE), 0x7C00);
    assertRounds(Float.floatToRawIntBits(Float.NEGATIVE_INFINITY), 0xFC00);
    assertEquals(65504f, Fp16.toFloat((short) 0x7BFF));
    assertEquals(Float.POSITIVE_INFINITY, Fp16.toFloat((short) 0x7C00));
  }

  @Test
  void subnormalsAreKeptAndZerosKeepTheirSign() {
    assertRounds(Float.floatToRawIntBits(0x1p-24f), 0x0001);
    assertRounds(Float.floatToRawIntBits(Math.nextUp(0x1p-25f)), 0x0001);
    assertRounds(Float.floatToRawIntBits(Math.nextDown(0x1p-14f)), 0x0400);
    assertRounds(Float.floatToRawIntBits(-0x1p-26f), 0x8000);
    assertRounds(Float.floatToRawIntBits(-0.0f), 0x8000);
    assertRounds(Float.floatToRawIntBits(Float.MIN_VALUE), 0x0000);
    assertEquals(0x1p-24f, Fp16.toFloat((short) 0x0001));
    assertEquals(
        Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(Fp16.toFloat((short) 0x8000)));
  }

  @Test
  void aNaNKeepsItsSignAndTopBitsAndBecomesQuiet() {
    assertRounds(0x7F80_0001, 0x7E00); // signalling, its payload below what a half holds
    assertRounds(0xFFC0_0000, 0xFE00);
    assertRounds(0x7FBF_E000, 0x7FFF); // signalling, every bit a half holds
    assertEquals(0x7FC0_2000, Float.floatToRawIntBits(Fp16.toFloat((short) 0x7C01)));
    assertEquals(0xFFFF_E000, Float.floatToRawIntBits(Fp16.toFloat((short) 0xFFFF)));
  }

  private static void assertRounds(int floatBits, int halfBits) {
    AllFloats.assertRounds(Format16.HALF, floatBits, halfBits);
  }

  /** docs/contract.md's rule, float to HALF: {@code sign | 0x7E00 | (significand >>> 13)}. */
  private static short quietNaN(int floatBits) {
    return (short) (((floatBits >>> 16) & 0x8000) | 0x7E00 | ((floatBits & 0x7F_FFFF) >>> 13));
  }

  /** docs/contract.md's rule, HALF to float: {@code sign | 0x7FC00000 | (significand << 13)}. */
  private static int quietNaN(short half) {
    return ((half & 0x8000) << 16) | 0x7FC0_0000 | ((half & 0x3FF) << 13);
  }

  private static boolean isNaN(short half) {
    return (half & 0x7C00) == 0x7C00 && (half & 0x3FF) != 0;
  }

  /** Java's method, or null before Java 20. */
  private static MethodHandle javaMethod(String name, Class<?> returns, Class<?> takes) {
    try {
      return MethodHandles.publicLookup()
          .findStatic(Float.class, name, MethodType.methodType(returns, takes));
    } catch (NoSuchMethodException e) {
      return null;
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** Skips before Java 20, where Java has no such method; fails from 20 on if it is missing. */
  private static void present(MethodHandle method, String name) {
    int feature = Runtime.version().feature();
    if (feature < 20) {
      Assumptions.abort("Float." + name + " is Java 20's; this run is on Java " + feature);
    }
    assertNotNull(method, "Float." + name + " is missing on Java " + feature);
  }
}
