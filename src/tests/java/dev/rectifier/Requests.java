package dev.rectifier;

import dev.rectifier.backend.DoubleRequest;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Request;

/**
 * The library's typed requests and host ranges for arrays that tests over both precisions hold as
 * {@code Object}: a {@code double[]} makes a {@link DoubleRequest}, a {@code float[]} a {@link
 * FloatRequest} (with alpha rounded to float).
 */
public final class Requests {
  private Requests() {}

  /** The request on these arrays, typed by {@code x}. */
  public static Request of(
      Op op,
      Object x,
      int xOffset,
      Object dy,
      int dyOffset,
      Object out,
      int outOffset,
      int length,
      double alpha) {
    if (x instanceof double[] xd) {
      return new DoubleRequest(
          op, xd, xOffset, (double[]) dy, dyOffset, (double[]) out, outOffset, length, alpha);
    }
    return new FloatRequest(
        op,
        (float[]) x,
        xOffset,
        (float[]) dy,
        dyOffset,
        (float[]) out,
        outOffset,
        length,
        (float) alpha);
  }

  /** All of {@code array}, a {@code float[]} or {@code double[]}. */
  public static HostRange range(Object array) {
    return array instanceof double[] d ? HostRange.of(d) : HostRange.of((float[]) array);
  }
}
