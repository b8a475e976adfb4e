package dev.rectifier.backend;

import dev.rectifier.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A range of a Java {@code float[]} or {@code double[]}, typed: what {@link DeviceMemory} copies in
 * and out, {@link Backend#upload} copies from, and the OpenCL transfers copy to and from native
 * memory. Made by {@link #of(float[])} or {@link #of(double[])} and sliced; exactly one of {@code
 * floats} and {@code doubles} is the array.
 *
 * @param floats the array, if it is a {@code float[]}, else null
 * @param doubles the array, if it is a {@code double[]}, else null
 * @param offset the first element
 * @param length the number of elements
 */
public record HostRange(float[] floats, double[] doubles, int offset, int length) {

  /** Checks that exactly one array is given. */
  public HostRange {
    if ((floats == null) == (doubles == null)) {
      throw new IllegalArgumentException("a HostRange holds a float[] or a double[]");
    }
  }

  /** All of {@code array}; null when it is null (a request's absent {@code dy}). */
  public static HostRange of(float[] array) {
    return array == null ? null : new HostRange(array, null, 0, array.length);
  }

  /** All of {@code array}; null when it is null (a request's absent {@code dy}). */
  public static HostRange of(double[] array) {
    return array == null ? null : new HostRange(null, array, 0, array.length);
  }

  /** The array: the {@code float[]} or the {@code double[]}. */
  public Object array() {
    return floats != null ? floats : doubles;
  }

  /** The element type. */
  public Precision precision() {
    return floats != null ? Precision.FLOAT : Precision.DOUBLE;
  }

  /** The size of the range in bytes. */
  public long bytes() {
    return (long) length * precision().bytes();
  }

  /** Whether {@code other} is a range of the same array. */
  public boolean sameArray(HostRange other) {
    return floats == other.floats && doubles == other.doubles;
  }

  /** Elements {@code [from, from + n)} of this range. */
  public HostRange slice(int from, int n) {
    return new HostRange(floats, doubles, offset + from, n);
  }

  /** Copies this range into {@code target}, a range of the same type and length. */
  public void copyTo(HostRange target) {
    if (floats != null) {
      System.arraycopy(floats, offset, target.floats, target.offset, length);
    } else {
      System.arraycopy(doubles, offset, target.doubles, target.offset, length);
    }
  }

  /** Copies this range to the start of {@code target}. */
  public void copyTo(ByteBuffer target) {
    if (floats != null) {
      nativeOrder(target).asFloatBuffer().put(floats, offset, length);
    } else {
      nativeOrder(target).asDoubleBuffer().put(doubles, offset, length);
    }
  }

  /** Fills this range from the start of {@code source}. */
  public void copyFrom(ByteBuffer source) {
    if (floats != null) {
      nativeOrder(source).asFloatBuffer().get(floats, offset, length);
    } else {
      nativeOrder(source).asDoubleBuffer().get(doubles, offset, length);
    }
  }

  private static ByteBuffer nativeOrder(ByteBuffer buffer) {
    return buffer.duplicate().order(ByteOrder.nativeOrder());
  }
}
