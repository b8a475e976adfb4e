package dev.rectifier.backend;

import dev.rectifier.Op;
import dev.rectifier.Precision;

/**
 * One element-wise request on Java arrays, as {@link dev.rectifier.Rectifier} hands it to a {@link
 * Backend}: compute {@code op} on {@code length} elements of {@code x} (and {@code dy} for
 * gradients) from their offsets and write them to {@code out} from {@code outOffset}. A {@link
 * FloatRequest}, a {@link DoubleRequest} or a {@link ShortRequest}: the element type is the
 * record's.
 *
 * <p>Every request is checked when made: the ranges lie inside their arrays, alpha is finite, and
 * the output range is either the same as an input range (in place) or disjoint from it, so a
 * backend may read and write in any order.
 */
public sealed interface Request permits FloatRequest, DoubleRequest, ShortRequest {

  /** The operation. */
  Op op();

  /** The first element of {@code x} to read. */
  int xOffset();

  /** The first element of {@code dy} to read (0 when there is no {@code dy}). */
  int dyOffset();

  /** The first element of {@code out} to write. */
  int outOffset();

  /** The number of elements. */
  int length();

  /** The element type of the arrays: that of the record, or a {@link ShortRequest}'s own. */
  default Precision precision() {
    return this instanceof FloatRequest ? Precision.FLOAT : Precision.DOUBLE;
  }

  /**
   * The length of a whole-array request: that of {@code x}, once {@code dy} (for gradients) and
   * {@code out} are known to be as long.
   *
   * @throws NullPointerException if {@code op}, {@code x}, {@code out} or (for gradients) {@code
   *     dy} is null
   * @throws IllegalArgumentException if the lengths differ
   */
  static int wholeLength(Op op, float[] x, float[] dy, float[] out) {
    return RequestChecks.wholeLength(
        op, RequestChecks.size(x), RequestChecks.size(dy), RequestChecks.size(out));
  }

  /** As {@link #wholeLength(Op, float[], float[], float[])}, for double. */
  static int wholeLength(Op op, double[] x, double[] dy, double[] out) {
    return RequestChecks.wholeLength(
        op, RequestChecks.size(x), RequestChecks.size(dy), RequestChecks.size(out));
  }

  /** As {@link #wholeLength(Op, float[], float[], float[])}, for 16-bit elements. */
  static int wholeLength(Op op, short[] x, short[] dy, short[] out) {
    return RequestChecks.wholeLength(
        op, RequestChecks.size(x), RequestChecks.size(dy), RequestChecks.size(out));
  }

  /**
   * Checks that {@code otherLength} equals {@code xLength}, for Java and device arrays alike.
   *
   * @throws IllegalArgumentException if they differ
   */
  static void requireSameLength(int xLength, int otherLength, String otherName) {
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
  static void checkDyAndAlpha(Op op, boolean dyGiven, double alpha) {
    if (!op.isGradient() && dyGiven) {
      throw new IllegalArgumentException("dy must be null for " + op + ", which reads no gradient");
    }
    if (op.takesAlpha() && !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("alpha must be finite, was " + alpha);
    }
  }
}
