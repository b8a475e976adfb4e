package dev.rectifier;

import dev.rectifier.half.Format16;

/**
 * The floating-point element types rectifier works on. {@link #HALF} and {@link #BFLOAT16} are
 * 16-bit storage formats, held as their bits in a {@code short} each and computed in float (see
 * docs/contract.md, "HALF and BFLOAT16"); this enum converts them to and from float.
 */
public enum Precision {
  /** {@code float[]}, IEEE binary32. */
  FLOAT(Float.BYTES),
  /** {@code double[]}, IEEE binary64; on OpenCL, only on devices with {@code cl_khr_fp64}. */
  DOUBLE(Double.BYTES),
  /** IEEE binary16 bits in a {@code short[]}; computed in float. */
  HALF(Short.BYTES),
  /** bfloat16 bits (a float's top 16 bits) in a {@code short[]}; computed in float. */
  BFLOAT16(Short.BYTES);

  private final int bytes;

  Precision(int bytes) {
    this.bytes = bytes;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }

  /** Whether this is a 16-bit storage format ({@link #HALF} or {@link #BFLOAT16}). */
  public boolean sixteenBit() {
    return bytes == Short.BYTES;
  }

  /**
   * {@code value} rounded to this 16-bit format, as its bits: to nearest, ties to even, overflow to
   * infinity, the sign of zero kept.
   *
   * @throws IllegalArgumentException if this is not {@link #HALF} or {@link #BFLOAT16}
   */
  public short round(float value) {
    return Format16.of(this).round(value);
  }

  /**
   * The float whose 16-bit pattern in this format is {@code bits}: exact (a NaN made quiet).
   *
   * @throws IllegalArgumentException if this is not {@link #HALF} or {@link #BFLOAT16}
   */
  public float widen(short bits) {
    return Format16.of(this).widen(bits);
  }

  /**
   * Each of {@code floats} rounded into {@code bits}, as {@link #round(float)} does.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if this is not {@link #HALF} or {@link #BFLOAT16}, or the
   *     lengths differ
   */
  public void round(float[] floats, short[] bits) {
    Format16.of(this).round(floats, bits);
  }

  /**
   * Each of {@code bits} widened into {@code floats}, as {@link #widen(short)} does.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if this is not {@link #HALF} or {@link #BFLOAT16}, or the
   *     lengths differ
   */
  public void widen(short[] bits, float[] floats) {
    Format16.of(this).widen(bits, floats);
  }
}
