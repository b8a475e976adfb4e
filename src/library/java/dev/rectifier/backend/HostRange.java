package dev.rectifier.backend;

import dev.rectifier.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A range of a Java {@code float[]}, {@code double[]} or {@code short[]} (16-bit elements, {@link
 * Precision#HALF} or {@link Precision#BFLOAT16}), typed: what {@link DeviceMemory} copies in and
 * out, {@link Backend#upload} copies from, and the OpenCL transfers copy to and from native memory.
 * Made by {@link #of(float[])}, {@link #of(double[])} or {@link #of(Precision, short[])} and
 * sliced.
 *
 * @param precision the element type; a {@code short[]} is HALF or BFLOAT16
 * @param array the array
 * @param offset the first element
 * @param length the number of elements
 */
public record HostRange(Precision precision, Object array, int offset, int length) {

  /** Checks that the array is of the precision's type. */
  public HostRange {
    boolean matches =
        switch (precision) {
          case FLOAT -> array instanceof float[];
          case DOUBLE -> array instanceof double[];
          case HALF, BFLOAT16 -> array instanceof short[];
        };
    if (!matches) {
      throw new IllegalArgumentException("a HostRange of " + precision + " holds no such array");
    }
  }

  /** All of {@code array}; null when it is null (a request's absent {@code dy}). */
  public static HostRange of(float[] array) {
    return array == null ? null : new HostRange(Precision.FLOAT, array, 0, array.length);
  }

  /** All of {@code array}; null when it is null (a request's absent {@code dy}). */
  public static HostRange of(double[] array) {
    return array == null ? null : new HostRange(Precision.DOUBLE, array, 0, array.length);
  }

  /**
   * All of {@code array}, elements of the 16-bit {@code precision}; null when the array is null.
   */
  public static HostRange of(Precision precision, short[] array) {
    return array == null ? null : new HostRange(precision, array, 0, array.length);
  }

  /** The array if it is a {@code float[]}, else null. */
  public float[] floats() {
    return array instanceof float[] a ? a : null;
  }

  /** The array if it is a {@code double[]}, else null. */
  public double[] doubles() {
    return array instanceof double[] a ? a : null;
  }

  /** The array if it is a {@code short[]} of 16-bit elements, else null. */
  public short[] shorts() {
    return array instanceof short[] a ? a : null;
  }

  /** The size of the range in bytes. */
  public long bytes() {
    return (long) length * precision.bytes();
  }

  /** Whether {@code other} is a range of the same array. */
  public boolean sameArray(HostRange other) {
    return array == other.array;
  }

  /** Elements {@code [from, from + n)} of this range. */
  public HostRange slice(int from, int n) {
    return new HostRange(precision, array, offset + from, n);
  }

  /** Copies this range into {@code target}, a range of the same type and length. */
  public void copyTo(HostRange target) {
    System.arraycopy(array, offset, target.array, target.offset, length);
  }

  /** Copies this range to the start of {@code target}. */
  public void copyTo(ByteBuffer target) {
    ByteBuffer b = nativeOrder(target);
    if (array instanceof float[] a) {
      b.asFloatBuffer().put(a, offset, length);
    } else if (array instanceof double[] a) {
      b.asDoubleBuffer().put(a, offset, length);
    } else {
      b.asShortBuffer().put((short[]) array, offset, length);
    }
  }

  /** Fills this range from the start of {@code source}. */
  public void copyFrom(ByteBuffer source) {
    ByteBuffer b = nativeOrder(source);
    if (array instanceof float[] a) {
      b.asFloatBuffer().get(a, offset, length);
    } else if (array instanceof double[] a) {
      b.asDoubleBuffer().get(a, offset, length);
    } else {
      b.asShortBuffer().get((short[]) array, offset, length);
    }
  }

  private static ByteBuffer nativeOrder(ByteBuffer buffer) {
    return buffer.duplicate().order(ByteOrder.nativeOrder());
  }
}
