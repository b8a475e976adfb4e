package dev.rectifier.backend;

import dev.rectifier.Op;

/** A {@link Request} on {@code double[]} arrays, checked when made: as {@link FloatRequest}. */
public record DoubleRequest(
    Op op,
    double[] x,
    int xOffset,
    double[] dy,
    int dyOffset,
    double[] out,
    int outOffset,
    int length,
    double alpha)
    implements Request {

  /** Checks every argument, as a {@link FloatRequest} does. */
  public DoubleRequest {
    RequestChecks.check(op, x, xOffset, dy, dyOffset, out, outOffset, length, alpha);
  }
}
