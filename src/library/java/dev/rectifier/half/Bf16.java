package dev.rectifier.half;

/**
 * Float to and from bfloat16 bits (a float's top 16), as docs/contract.md says: round to nearest
 * even, overflow to infinity, the sign of zero kept, subnormals as floats have them; a NaN keeps
 * its sign and the top bits of its significand, with the quiet bit set.
 */
public final class Bf16 {
  private Bf16() {}

  /** {@code f} rounded to the nearest bfloat16, ties to even, as its bits. */
  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int kept = bits >>> 16;
    if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
      return (short) (kept | 0x0040);
    }
    // Not a truncation: the low half rounds the kept one. A carry runs into the exponent, and from
    // the largest finite value into infinity.
    int dropped = bits & 0xFFFF;
    return (short) (dropped > 0x8000 || (dropped == 0x8000 && (kept & 1) != 0) ? kept + 1 : kept);
  }

  /** The bfloat16 whose bits are {@code b}, as a float: exact, a NaN made quiet. */
  public static float toFloat(short b) {
    int bits = b << 16;
    if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
      bits |= 0x40_0000;
    }
    return Float.intBitsToFloat(bits);
  }
}
