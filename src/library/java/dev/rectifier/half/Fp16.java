package dev.rectifier.half;

/**
 * Float to and from IEEE binary16 (HALF) bits, as docs/contract.md says: round to nearest even,
 * overflow to infinity, the sign of zero kept, subnormals as rounding gives them; a NaN keeps its
 * sign and the top bits of its significand, with the quiet bit set.
 */
public final class Fp16 {
  private static final int SIGN = 0x8000_0000;
  private static final int FLOAT_INFINITY = 0x7F80_0000;

  /** The float bits of 65520, the tie between the largest half and 2^16: from here up, infinity. */
  private static final int OVERFLOW = 0x477F_F000;

  /** The float bits of 2^-14, the smallest normal half. */
  private static final int SMALLEST_NORMAL = 0x3880_0000;

  /** The float bits of 2^-25, half the smallest subnormal half: up to here, zero. */
  private static final int HALF_OF_SMALLEST = 0x3300_0000;

  /** The difference of the biases (127 - 15), in a float's exponent field. */
  private static final int REBIAS = 112 << 23;

  private Fp16() {}

  /** {@code f} rounded to the nearest half, ties to even, as its bits. */
  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits & SIGN) >>> 16;
    int magnitude = bits & ~SIGN;
    if (magnitude > FLOAT_INFINITY) {
      return (short) (sign | 0x7E00 | ((magnitude & 0x7F_FFFF) >>> 13));
    }
    if (magnitude >= OVERFLOW) {
      return (short) (sign | 0x7C00);
    }
    if (magnitude >= SMALLEST_NORMAL) {
      // The exponent rebiased in place; the 13 dropped bits round the 10 kept ones, a carry
      // running into the exponent as it should.
      return (short) (sign | roundedShift(magnitude - REBIAS, 13));
    }
    if (magnitude <= HALF_OF_SMALLEST) {
      return (short) sign;
    }
    // A subnormal half counts units of 2^-24: the float's significand with its implicit bit,
    // shifted down by 126 minus its biased exponent (between 14 and 24 here).
    int significand = (magnitude & 0x7F_FFFF) | 0x80_0000;
    return (short) (sign | roundedShift(significand, 126 - (magnitude >>> 23)));
  }

  /** The half whose bits are {@code h}, as a float: exact, a NaN made quiet. */
  public static float toFloat(short h) {
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int significand = h & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(
          sign | FLOAT_INFINITY | (significand == 0 ? 0 : 0x40_0000 | (significand << 13)));
    }
    if (exponent == 0) {
      float magnitude = significand * 0x1p-24f; // exact: at most 10 bits
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent << 23) + REBIAS) | (significand << 13));
  }

  /** {@code value >>> shift} (shift 1 to 31) rounded to nearest, ties to even. */
  private static int roundedShift(int value, int shift) {
    int kept = value >>> shift;
    int dropped = value & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    return dropped > half || (dropped == half && (kept & 1) != 0) ? kept + 1 : kept;
  }
}
