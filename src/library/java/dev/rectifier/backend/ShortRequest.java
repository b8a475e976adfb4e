package dev.rectifier.backend;

import dev.rectifier.Op;
import dev.rectifier.Precision;

/**
 * A {@link Request} on {@code short[]} arrays of 16-bit elements, {@link Precision#HALF} or {@link
 * Precision#BFLOAT16}, checked when made: as {@link FloatRequest}, and computed in float.
 *
 * @param precision HALF or BFLOAT16: the format of every array's elements
 * @param op the operation
 * @param x the forward input
 * @param xOffset first element of {@code x} to read
 * @param dy the incoming gradient (gradient ops), else {@code null}
 * @param dyOffset first element of {@code dy} to read (0 when {@code dy} is null)
 * @param out the output ({@code y} or {@code dx})
 * @param outOffset first element of {@code out} to write
 * @param length number of elements
 * @param alpha the Leaky ReLU slope, a float (0 for ops without one)
 */
public record ShortRequest(
    Precision precision,
    Op op,
    short[] x,
    int xOffset,
    short[] dy,
    int dyOffset,
    short[] out,
    int outOffset,
    int length,
    float alpha)
    implements Request {

  /**
   * Checks every argument, as a {@link FloatRequest} does, after the precision.
   *
   * @throws NullPointerException if {@code precision} is null, or as a {@link FloatRequest}
   * @throws IllegalArgumentException if {@code precision} is not HALF or BFLOAT16, or as a {@link
   *     FloatRequest}
   */
  public ShortRequest {
    requireSixteenBit(precision);
    RequestChecks.check(op, x, xOffset, dy, dyOffset, out, outOffset, length, alpha);
  }

  /**
   * Checks that {@code precision} is a 16-bit format, for every call on {@code short[]} elements.
   *
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException naming it otherwise
   */
  public static Precision requireSixteenBit(Precision precision) {
    if (precision == null) {
      throw new NullPointerException("precision must not be null");
    }
    if (!precision.sixteenBit()) {
      throw new IllegalArgumentException(
          "precision must be HALF or BFLOAT16 for short[] elements, was " + precision);
    }
    return precision;
  }
}
