package dev.rectifier.opencl;

import dev.rectifier.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A range of a {@code float[]} or {@code double[]} on the Java heap, and its copies to and from the
 * native memory of a mapped or pinned buffer.
 *
 * @param array a {@code float[]} or {@code double[]}
 * @param offset the first element
 * @param length the number of elements
 */
record HostRange(Object array, int offset, int length) {

  Precision precision() {
    return Precision.of(array);
  }

  long bytes() {
    return (long) length * precision().bytes();
  }

  /** Elements {@code [from, from + n)} of this range. */
  HostRange slice(int from, int n) {
    return new HostRange(array, offset + from, n);
  }

  /** Copies this range to the start of {@code target}. */
  void copyTo(ByteBuffer target) {
    ByteBuffer b = target.duplicate().order(ByteOrder.nativeOrder());
    if (array instanceof double[] d) {
      b.asDoubleBuffer().put(d, offset, length);
    } else {
      b.asFloatBuffer().put((float[]) array, offset, length);
    }
  }

  /** Fills this range from the start of {@code source}. */
  void copyFrom(ByteBuffer source) {
    ByteBuffer b = source.duplicate().order(ByteOrder.nativeOrder());
    if (array instanceof double[] d) {
      b.asDoubleBuffer().get(d, offset, length);
    } else {
      b.asFloatBuffer().get((float[]) array, offset, length);
    }
  }
}
