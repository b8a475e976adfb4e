package dev.rectifier.half;

import dev.rectifier.Precision;

/** The conversions of one 16-bit {@link Precision}: {@link Fp16}'s or {@link Bf16}'s. */
public enum Format16 {
  /** IEEE binary16. */
  HALF((short) 0x7C00, (short) 0x0200),
  /** bfloat16. */
  BFLOAT16((short) 0x7F80, (short) 0x0040);

  private final short infinity;
  private final short quietBit;

  Format16(short infinity, short quietBit) {
    this.infinity = infinity;
    this.quietBit = quietBit;
  }

  /**
   * The bits of +infinity: as signed 16-bit integers, the positive values are exactly the bits from
   * 1 up to these, and the NaNs those whose magnitude (the bits without the sign) lies above them.
   */
  public short infinity() {
    return infinity;
  }

  /**
   * The significand's top bit, which marks a quiet NaN: a NaN widened and rounded back is its bits
   * with this one set (docs/contract.md, NaN), any other value its own bits.
   */
  public short quietBit() {
    return quietBit;
  }

  /**
   * The format of {@code precision}.
   *
   * @throws IllegalArgumentException if it is not {@link Precision#HALF} or {@link
   *     Precision#BFLOAT16}
   */
  public static Format16 of(Precision precision) {
    return switch (precision) {
      case HALF -> HALF;
      case BFLOAT16 -> BFLOAT16;
      default ->
          throw new IllegalArgumentException(
              "precision must be HALF or BFLOAT16 for 16-bit elements, was " + precision);
    };
  }

  /** {@code value} rounded to this format, as its bits. */
  public short round(float value) {
    return this == HALF ? Fp16.fromFloat(value) : Bf16.fromFloat(value);
  }

  /** The float whose bits in this format are {@code bits}. */
  public float widen(short bits) {
    return this == HALF ? Fp16.toFloat(bits) : Bf16.toFloat(bits);
  }

  /** Each of {@code floats} rounded into {@code bits}, of the same length. */
  public void round(float[] floats, short[] bits) {
    Arrays16.checkSameLength(floats, bits);
    round(floats, 0, bits, 0, floats.length);
  }

  /** Each of {@code bits} widened into {@code floats}, of the same length. */
  public void widen(short[] bits, float[] floats) {
    Arrays16.checkSameLength(floats, bits);
    widen(bits, 0, floats, 0, bits.length);
  }

  /** {@code floats[from, from + n)} rounded into {@code bits[to, to + n)}; no checks. */
  public void round(float[] floats, int from, short[] bits, int to, int n) {
    for (int i = 0; i < n; i++) {
      bits[to + i] = round(floats[from + i]);
    }
  }

  /** {@code bits[from, from + n)} widened into {@code floats[to, to + n)}; no checks. */
  public void widen(short[] bits, int from, float[] floats, int to, int n) {
    for (int i = 0; i < n; i++) {
      floats[to + i] = widen(bits[from + i]);
    }
  }
}
