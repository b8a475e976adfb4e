package dev.rectifier.backend;

import dev.rectifier.Op;

/**
 * A {@link Request} on {@code float[]} arrays, checked when made.
 *
 * @param op the operation
 * @param x the forward input
 * @param xOffset first element of {@code x} to read
 * @param dy the incoming gradient (gradient ops), else {@code null}
 * @param dyOffset first element of {@code dy} to read (0 when {@code dy} is null)
 * @param out the output ({@code y} or {@code dx})
 * @param outOffset first element of {@code out} to write
 * @param length number of elements
 * @param alpha the Leaky ReLU slope (0 for ops without one)
 */
public record FloatRequest(
    Op op,
    float[] x,
    int xOffset,
    float[] dy,
    int dyOffset,
    float[] out,
    int outOffset,
    int length,
    float alpha)
    implements Request {

  /**
   * Checks every argument, so that nothing is written before they are checked.
   *
   * @throws NullPointerException if {@code op}, {@code x}, {@code out} or (for gradients) {@code
   *     dy} is null
   * @throws IndexOutOfBoundsException if an offset or the length lies outside its array
   * @throws IllegalArgumentException if alpha is NaN or infinite, the output range partially
   *     overlaps an input range of the same array, or a forward op is given a {@code dy}
   */
  public FloatRequest {
    RequestChecks.check(op, x, xOffset, dy, dyOffset, out, outOffset, length, alpha);
  }
}
