package dev.rectifier.verify;

/**
 * Distances in units in the last place between results of one precision. Values are placed on one
 * integer line in float order, −0.0 one step below +0.0 (the contract tells zeros apart), so a
 * distance of 0 means equal bits; two NaNs are 0 apart, whatever their payloads. The unit is that
 * of the arrays' own format: for HALF and BFLOAT16 arrays, one step of their 16-bit values.
 */
public final class Ulps {
  private Ulps() {}

  /** The largest distance between corresponding elements of two arrays of one type and length. */
  public static long maxDiff(Object expected, Object actual) {
    long max = 0;
    if (expected instanceof Bits16 e) {
      Bits16 a = (Bits16) actual;
      for (int i = 0; i < e.bits().length; i++) {
        max = Math.max(max, distance(e.precision(), e.bits()[i], a.bits()[i]));
      }
    } else if (expected instanceof double[] e) {
      double[] a = (double[]) actual;
      for (int i = 0; i < e.length; i++) {
        max = Math.max(max, distance(e[i], a[i]));
      }
    } else {
      float[] e = (float[]) expected;
      float[] a = (float[]) actual;
      for (int i = 0; i < e.length; i++) {
        max = Math.max(max, distance(e[i], a[i]));
      }
    }
    return max;
  }

  /** The distance between two doubles, saturating at {@link Long#MAX_VALUE}. */
  static long distance(double x, double y) {
    if (Double.isNaN(x) && Double.isNaN(y)) {
      return 0;
    }
    long a = ordered(Double.doubleToRawLongBits(x));
    long b = ordered(Double.doubleToRawLongBits(y));
    long d = a - b;
    // Overflow only when the signs differ and the magnitudes are huge.
    return ((a ^ b) & (a ^ d)) < 0 ? Long.MAX_VALUE : Math.abs(d);
  }

  /** The distance between two floats. */
  static long distance(float x, float y) {
    if (Float.isNaN(x) && Float.isNaN(y)) {
      return 0;
    }
    return Math.abs(
        (long) ordered(Float.floatToRawIntBits(x)) - ordered(Float.floatToRawIntBits(y)));
  }

  /** The distance between two values of the 16-bit {@code precision}, given as their bits. */
  static long distance(dev.rectifier.Precision precision, short x, short y) {
    if (Float.isNaN(precision.widen(x)) && Float.isNaN(precision.widen(y))) {
      return 0;
    }
    return Math.abs(ordered16(x) - ordered16(y));
  }

  private static int ordered16(short bits) {
    return bits < 0 ? ~(bits & Short.MAX_VALUE) : bits;
  }

  private static long ordered(long bits) {
    return bits < 0 ? ~(bits & Long.MAX_VALUE) : bits;
  }

  private static int ordered(int bits) {
    return bits < 0 ? ~(bits & Integer.MAX_VALUE) : bits;
  }
}
