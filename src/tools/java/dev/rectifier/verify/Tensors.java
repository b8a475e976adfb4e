package dev.rectifier.verify;

import dev.rectifier.Precision;
import java.util.Arrays;

/** Helpers over a {@code float[]} or {@code double[]} held as {@code Object}. */
public final class Tensors {
  private Tensors() {}

  /** The element type of {@code array}. */
  public static Precision precision(Object array) {
    return array instanceof double[] ? Precision.DOUBLE : Precision.FLOAT;
  }

  /** The number of elements of {@code array}. */
  public static int length(Object array) {
    return array instanceof double[] d ? d.length : ((float[]) array).length;
  }

  /** The values as an array of {@code precision}; float values are rounded from the doubles. */
  public static Object of(double[] values, Precision precision) {
    if (precision == Precision.DOUBLE) {
      return values.clone();
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /** A new array of {@code length} elements, all {@code value} (rounded to float for FLOAT). */
  public static Object filled(int length, double value, Precision precision) {
    double[] values = new double[length];
    Arrays.fill(values, value);
    return of(values, precision);
  }

  /** A copy of {@code array}. */
  public static Object copy(Object array) {
    return array instanceof double[] d ? d.clone() : ((float[]) array).clone();
  }

  /**
   * {@code length} elements of {@code from}, placed at {@code offset} in a copy of {@code into}.
   */
  public static Object placed(Object from, Object into, int offset) {
    Object result = copy(into);
    System.arraycopy(from, 0, result, offset, length(from));
    return result;
  }

  /** Element {@code i} of {@code array}, widened to double. */
  public static double get(Object array, int i) {
    return array instanceof double[] d ? d[i] : ((float[]) array)[i];
  }

  /** Sets element {@code i} of {@code array} to {@code value}, rounded to its precision. */
  public static void set(Object array, int i, double value) {
    if (array instanceof double[] d) {
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
    return a instanceof double[] d
        ? Arrays.equals(d, from, to, (double[]) b, from, to)
        : Arrays.equals((float[]) a, from, to, (float[]) b, from, to);
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
    if (array instanceof double[] d) {
      return d[i] + " [0x" + Long.toHexString(Double.doubleToRawLongBits(d[i])) + "]";
    }
    float f = ((float[]) array)[i];
    return f + " [0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + "]";
  }

  /** Subnormals flushed to zero of the same sign, as a device without CL_FP_DENORM may do. */
  public static Object flushed(Object array) {
    Object result = copy(array);
    for (int i = 0; i < length(result); i++) {
      set(result, i, flushed(precision(array), get(result, i)));
    }
    return result;
  }

  /** {@code v} flushed to zero of the same sign if it is subnormal in {@code precision}. */
  static double flushed(Precision precision, double v) {
    double smallestNormal = precision == Precision.DOUBLE ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    return v != 0 && Math.abs(v) < smallestNormal ? Math.copySign(0.0, v) : v;
  }
}
