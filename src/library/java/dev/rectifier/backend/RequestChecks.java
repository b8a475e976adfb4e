package dev.rectifier.backend;

import dev.rectifier.Op;
import java.util.Objects;

/**
 * The checks {@link FloatRequest}, {@link DoubleRequest} and {@link ShortRequest} share, on what
 * they depend on: the arrays' sizes ({@link #NULL} for a null array), the offsets, and which arrays
 * are the same object. The order, exception types and messages are the API's.
 */
final class RequestChecks {
  /** The size that stands for a null array. */
  static final int NULL = -1;

  private RequestChecks() {}

  static int size(float[] array) {
    return array == null ? NULL : array.length;
  }

  static int size(double[] array) {
    return array == null ? NULL : array.length;
  }

  static int size(short[] array) {
    return array == null ? NULL : array.length;
  }

  /** Checks a {@link FloatRequest}. */
  static void check(
      Op op, float[] x, int xo, float[] dy, int dyo, float[] out, int oo, int n, double alpha) {
    check(op, n, alpha, at(x, xo), at(dy, dyo), at(out, oo), out == x, out == dy);
  }

  /** Checks a {@link DoubleRequest}. */
  static void check(
      Op op, double[] x, int xo, double[] dy, int dyo, double[] out, int oo, int n, double alpha) {
    check(op, n, alpha, at(x, xo), at(dy, dyo), at(out, oo), out == x, out == dy);
  }

  /** Checks a {@link ShortRequest}. */
  static void check(
      Op op, short[] x, int xo, short[] dy, int dyo, short[] out, int oo, int n, double alpha) {
    check(
        op,
        n,
        alpha,
        new Arg(size(x), xo),
        new Arg(size(dy), dyo),
        new Arg(size(out), oo),
        out == x,
        out == dy);
  }

  /** An array argument: its size ({@link #NULL} when the array is null) and first element. */
  private record Arg(int size, int offset) {}

  private static Arg at(float[] array, int offset) {
    return new Arg(size(array), offset);
  }

  private static Arg at(double[] array, int offset) {
    return new Arg(size(array), offset);
  }

  /**
   * Checks a request on arrays {@code x}, {@code dy} and {@code out}, known by their sizes and
   * offsets and by which are the same array: {@code op}, {@code x} and {@code out} are given, the
   * ranges lie inside their arrays and the output range overlaps no input range of the same array
   * but in place; for gradients, the same of {@code dy}; then {@link Request#checkDyAndAlpha}.
   */
  private static void check(
      Op op, int length, double alpha, Arg x, Arg dy, Arg out, boolean outIsX, boolean outIsDy) {
    Objects.requireNonNull(op, "op must not be null");
    String outName = Names.output(op);
    requireArray(x.size(), "x");
    requireArray(out.size(), outName);
    if (length < 0) {
      throw new IndexOutOfBoundsException("length " + length + " is negative");
    }
    checkRange(x.size(), "x", x.offset(), length);
    checkRange(out.size(), outName, out.offset(), length);
    checkOverlap(outIsX, outName, out.offset(), "x", x.offset(), length);
    if (op.isGradient()) {
      requireArray(dy.size(), "dy");
      checkRange(dy.size(), "dy", dy.offset(), length);
      checkOverlap(outIsDy, outName, out.offset(), "dy", dy.offset(), length);
    }
    Request.checkDyAndAlpha(op, dy.size() != NULL, alpha);
  }

  /** See {@link Request#wholeLength(Op, float[], float[], float[])}. */
  static int wholeLength(Op op, int xSize, int dySize, int outSize) {
    Objects.requireNonNull(op, "op must not be null");
    requireArray(xSize, "x");
    if (op.isGradient()) {
      Request.requireSameLength(xSize, requireArray(dySize, "dy"), "dy");
    }
    Request.requireSameLength(xSize, requireArray(outSize, Names.output(op)), Names.output(op));
    return xSize;
  }

  private static int requireArray(int size, String name) {
    if (size == NULL) {
      throw new NullPointerException(name + " must not be null");
    }
    return size;
  }

  private static void checkRange(int size, String name, int offset, int length) {
    if (offset < 0) {
      throw new IndexOutOfBoundsException(name + "Offset " + offset + " is negative");
    }
    if ((long) offset + length > size) {
      throw new IndexOutOfBoundsException(
          name
              + "Offset "
              + offset
              + " + length "
              + length
              + " exceeds "
              + name
              + ".length "
              + size);
    }
  }

  private static void checkOverlap(
      boolean sameArray, String outName, int outOffset, String inName, int inOffset, int length) {
    boolean partial =
        sameArray && outOffset != inOffset && Math.abs((long) outOffset - inOffset) < length;
    if (partial) {
      throw new IllegalArgumentException(
          String.format(
              "%s range [%d, %d) partially overlaps %s range [%d, %d) of the same array;"
                  + " use the same offset (in place) or disjoint ranges",
              outName,
              outOffset,
              (long) outOffset + length,
              inName,
              inOffset,
              (long) inOffset + length));
    }
  }
}
