package dev.rectifier.backend;

import dev.rectifier.Op;
import dev.rectifier.Precision;

/**
 * One element-wise request, as {@link Rectifier} hands it to a {@link Backend}: compute {@code op}
 * on {@code length} elements of {@code x} (and {@code dy} for gradients) starting at their offsets
 * and write them to {@code out} from {@code outOffset}.
 *
 * <p>Every request is checked when made: the arrays are all {@code float[]} or all {@code
 * double[]}, the ranges lie inside them, alpha is finite, and the output range is either the same
 * as an input range (in place) or disjoint from it, so a backend may read and write in any order.
 *
 * @param op the operation
 * @param x the forward input
 * @param xOffset first element of {@code x} to read
 * @param dy the incoming gradient (gradient ops), else {@code null}
 * @param dyOffset first element of {@code dy} to read (0 when {@code dy} is null)
 * @param out the output ({@code y} or {@code dx})
 * @param outOffset first element of {@code out} to write
 * @param length number of elements
 * @param alpha the Leaky ReLU slope (0 for ops without one); a float alpha widened exactly
 */
public record Request(
    Op op,
    Object x,
    int xOffset,
    Object dy,
    int dyOffset,
    Object out,
    int outOffset,
    int length,
    double alpha) {

  /**
   * Checks every argument; a request exists only with valid arguments, so nothing is written before
   * they are checked.
   *
   * @throws NullPointerException if {@code x}, {@code out} or (for gradients) {@code dy} is null
   * @throws IndexOutOfBoundsException if an offset or the length lies outside its array
   * @throws IllegalArgumentException if alpha is NaN or infinite, the output range partially
   *     overlaps an input range of the same array, the arrays are not all {@code float[]} or all
   *     {@code double[]}, or a forward op is given a {@code dy}
   */
  public Request {
    String outName = op.outputName();
    requireArray(x, "x");
    requireArray(out, outName);
    requireSameType(x, out, outName);
    if (length < 0) {
      throw new IndexOutOfBoundsException("length " + length + " is negative");
    }
    checkRange(x, "x", xOffset, length);
    checkRange(out, outName, outOffset, length);
    checkOverlap(out, outName, outOffset, x, "x", xOffset, length);
    if (op.isGradient()) {
      requireArray(dy, "dy");
      requireSameType(x, dy, "dy");
      checkRange(dy, "dy", dyOffset, length);
      checkOverlap(out, outName, outOffset, dy, "dy", dyOffset, length);
    }
    checkDyAndAlpha(op, dy != null, alpha);
  }

  /**
   * Checks that {@code other} is as long as {@code x}, for the whole-array overloads.
   *
   * @throws NullPointerException if either array is null
   * @throws IllegalArgumentException if the lengths differ
   */
  public static int sameLength(Object x, Object other, String otherName) {
    int n = requireArray(x, "x");
    requireSameLength(n, requireArray(other, otherName), otherName);
    return n;
  }

  /**
   * Checks that {@code otherLength} equals {@code xLength}, for Java and device arrays alike.
   *
   * @throws IllegalArgumentException if they differ
   */
  public static void requireSameLength(int xLength, int otherLength, String otherName) {
    if (otherLength != xLength) {
      throw new IllegalArgumentException(
          otherName + ".length " + otherLength + " differs from x.length " + xLength);
    }
  }

  /**
   * The checks that depend on this op alone, for requests on Java arrays and on device arrays: a
   * forward op is given no {@code dy}, and an alpha this op takes is finite.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static void checkDyAndAlpha(Op op, boolean dyGiven, double alpha) {
    if (!op.isGradient() && dyGiven) {
      throw new IllegalArgumentException("dy must be null for " + op + ", which reads no gradient");
    }
    if (op.takesAlpha() && !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("alpha must be finite, was " + alpha);
    }
  }

  /** The element type of the arrays. */
  public Precision precision() {
    return Precision.of(x);
  }

  private static int requireArray(Object array, String name) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (!(array instanceof float[] || array instanceof double[])) {
      throw new IllegalArgumentException(
          name + " must be a float[] or double[], was " + array.getClass().getSimpleName());
    }
    return java.lang.reflect.Array.getLength(array);
  }

  private static void requireSameType(Object x, Object other, String otherName) {
    if (other.getClass() != x.getClass()) {
      throw new IllegalArgumentException(
          otherName
              + " is a "
              + other.getClass().getSimpleName()
              + " but x is a "
              + x.getClass().getSimpleName());
    }
  }

  private static void checkRange(Object array, String name, int offset, int length) {
    int size = java.lang.reflect.Array.getLength(array);
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
      Object out,
      String outName,
      int outOffset,
      Object in,
      String inName,
      int inOffset,
      int length) {
    boolean partial =
        out == in && outOffset != inOffset && Math.abs((long) outOffset - inOffset) < length;
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
