package dev.rectifier.half;

/** The array conversions of both formats: their checks, naming the argument, and their loops. */
final class Arrays16 {
  /** One format's rounding of a float to its bits. */
  @FunctionalInterface
  interface Rounding {
    short fromFloat(float value);
  }

  /** One format's exact conversion of its bits to a float. */
  @FunctionalInterface
  interface Widening {
    float toFloat(short bits);
  }

  private Arrays16() {}

  /** Each of {@code floats} rounded into {@code bits} by {@code rounding}, after the checks. */
  static void fromFloats(float[] floats, short[] bits, Rounding rounding) {
    checkSameLength(floats, bits);
    for (int i = 0; i < floats.length; i++) {
      bits[i] = rounding.fromFloat(floats[i]);
    }
  }

  /** Each of {@code bits} converted into {@code floats} by {@code widening}, after the checks. */
  static void toFloats(short[] bits, float[] floats, Widening widening) {
    checkSameLength(floats, bits);
    for (int i = 0; i < bits.length; i++) {
      floats[i] = widening.toFloat(bits[i]);
    }
  }

  private static void checkSameLength(float[] floats, short[] bits) {
    if (floats == null) {
      throw new NullPointerException("floats must not be null");
    }
    if (bits == null) {
      throw new NullPointerException("bits must not be null");
    }
    if (bits.length != floats.length) {
      throw new IllegalArgumentException(
          "bits.length " + bits.length + " differs from floats.length " + floats.length);
    }
  }
}
