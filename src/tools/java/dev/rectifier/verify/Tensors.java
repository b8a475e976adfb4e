package dev.rectifier.verify;

import dev.rectifier.Precision;
import java.util.Arrays;

/**
 * Helpers over a {@code float[]}, a {@code double[]} or a {@link Bits16} (HALF or BFLOAT16 bits)
 * held as {@code Object}.
 */
public final class Tensors {
  private Tensors() {}

  /** The element type of {@code array}. */
  public static Precision precision(Object array) {
    if (array instanceof Bits16 b) {
      return b.precision();
    }
    return array instanceof double[] ? Precision.DOUBLE : Precision.FLOAT;
  }

  /**
   * The precision ops on {@code precision} compute in, which PReLU's weights and weight gradient
   * are held in too: float for the 16-bit formats, else {@code precision} itself.
   */
  public static Precision computed(Precision precision) {
    return precision.sixteenBit() ? Precision.FLOAT : precision;
  }

  /** The number of elements of {@code array}. */
  public static int length(Object array) {
    if (array instanceof Bits16 b) {
      return b.bits().length;
    }
    return array instanceof double[] d ? d.length : ((float[]) array).length;
  }

  /**
   * The values as an array of {@code precision}: float values are rounded from the doubles, 16-bit
   * ones from those floats (once more: inputs need no better).
   */
  public static Object of(double[] values, Precision precision) {
    if (precision == Precision.DOUBLE) {
      return values.clone();
    }
    if (precision.sixteenBit()) {
      short[] bits = new short[values.length];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = precision.round((float) values[i]);
      }
      return new Bits16(precision, bits);
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /** A new array of {@code length} elements, all {@code value} (rounded as {@link #of} does). */
  public static Object filled(int length, double value, Precision precision) {
    double[] values = new double[length];
    Arrays.fill(values, value);
    return of(values, precision);
  }

  /** A copy of {@code array}. */
  public static Object copy(Object array) {
    if (array instanceof Bits16 b) {
      return new Bits16(b.precision(), b.bits().clone());
    }
    return array instanceof double[] d ? d.clone() : ((float[]) array).clone();
  }

  /**
   * {@code length} elements of {@code from}, placed at {@code offset} in a copy of {@code into}.
   */
  public static Object placed(Object from, Object into, int offset) {
    Object result = copy(into);
    System.arraycopy(javaArray(from), 0, javaArray(result), offset, length(from));
    return result;
  }

  /** The Java array holding the elements: the array itself, or a {@link Bits16}'s bits. */
  private static Object javaArray(Object array) {
    return array instanceof Bits16 b ? b.bits() : array;
  }

  /** Element {@code i} of {@code array}, widened to double (exactly). */
  public static double get(Object array, int i) {
    if (array instanceof Bits16 b) {
      return b.precision().widen(b.bits()[i]);
    }
    return array instanceof double[] d ? d[i] : ((float[]) array)[i];
  }

  /**
   * Sets element {@code i} of {@code array} to {@code value}, rounded to its precision; a 16-bit
   * element from {@code (float) value}, so pass a float's value to round only once.
   */
  public static void set(Object array, int i, double value) {
    if (array instanceof Bits16 b) {
      b.bits()[i] = b.precision().round((float) value);
    } else if (array instanceof double[] d) {
      d[i] = value;
    } else {
      ((float[]) array)[i] = (float) value;
    }
  }

  /**
   * Whether elements {@code [from, to)} of both arrays are equal as the contract compares them: bit
   * for bit, the sign of zero included, except that any NaN equals any NaN.
   */
  public static boolean sameBits(Object a, Object b, int from, int to) {
    // Arrays.equals on float[]/double[] compares floatToIntBits/doubleToLongBits: exactly that.
    if (a instanceof double[] d) {
      return Arrays.equals(d, from, to, (double[]) b, from, to);
    }
    if (a instanceof float[] f) {
      return Arrays.equals(f, from, to, (float[]) b, from, to);
    }
    for (int i = from; i < to; i++) {
      if (!sameBits(a, i, b, i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code a[i]} and {@code b[j]} are equal as the contract compares them. */
  public static boolean sameBits(Object a, int i, Object b, int j) {
    double x = get(a, i);
    double y = get(b, j);
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.isNaN(x) && Double.isNaN(y);
    }
    return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
  }

  /** Whether the arrays hold the very same bits, NaN payloads included. */
  public static boolean identical(Object a, Object b) {
    int n = length(a);
    if (length(b) != n) {
      return false;
    }
    if (a instanceof Bits16 x) {
      return b instanceof Bits16 y
          && x.precision() == y.precision()
          && Arrays.equals(x.bits(), y.bits());
    }
    for (int i = 0; i < n; i++) {
      boolean same =
          a instanceof double[] d
              ? Double.doubleToRawLongBits(d[i]) == Double.doubleToRawLongBits(((double[]) b)[i])
              : Float.floatToRawIntBits(((float[]) a)[i])
                  == Float.floatToRawIntBits(((float[]) b)[i]);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /** The value with its exact bits, e.g. {@code -0.0 [0x80000000]}. */
  public static String show(Object array, int i) {
    if (array instanceof Bits16 b) {
      return get(b, i) + " [0x" + Integer.toHexString(b.bits()[i] & 0xffff) + "]";
    }
    if (array instanceof double[] d) {
      return d[i] + " [0x" + Long.toHexString(Double.doubleToRawLongBits(d[i])) + "]";
    }
    float f = ((float[]) array)[i];
    return f + " [0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + "]";
  }

  /**
   * Subnormals flushed to zero of the same sign, as a device without CL_FP_DENORM may do: float
   * subnormals for FLOAT and the 16-bit formats, which compute in float (no HALF value is one).
   */
  public static Object flushed(Object array) {
    Object result = copy(array);
    for (int i = 0; i < length(result); i++) {
      set(result, i, flushed(precision(array), get(result, i)));
    }
    return result;
  }

  /**
   * {@code v} flushed to zero of the same sign if it is subnormal in what {@code precision}
   * computes in.
   */
  static double flushed(Precision precision, double v) {
    double smallestNormal = precision == Precision.DOUBLE ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    return v != 0 && Math.abs(v) < smallestNormal ? Math.copySign(0.0, v) : v;
  }
}
