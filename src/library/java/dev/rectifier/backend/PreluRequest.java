package dev.rectifier.backend;

import dev.rectifier.Precision;

/**
 * A PReLU call on whole Java arrays, checked when made: {@code prelu} ({@code dy} and {@code
 * dweight} null) writes {@code y = x > 0 ? x : w[c]·x} into {@code out}; {@code preluGrad} writes
 * {@code dx = x > 0 ? dy : w[c]·dy} into {@code out} and the weight gradient into {@code dweight},
 * summed in the order {@link PreluShape} fixes. On 16-bit elements ({@code HALF}, {@code BFLOAT16})
 * {@code x}, {@code dy} and {@code out} are ranges of {@code short[]}, and {@code weight} and
 * {@code dweight} of {@code float[]}.
 *
 * @param x the forward input
 * @param dy the incoming gradient, or null for prelu
 * @param out {@code y} or {@code dx}; may be {@code x}, or {@code dy} for the gradient
 * @param weight one slope a channel
 * @param shape the view of {@code x} as {@code [n][channels][inner]}
 * @param dweight the weight gradient, or null for prelu; shares memory with no other argument
 */
public record PreluRequest(
    HostRange x,
    HostRange dy,
    HostRange out,
    HostRange weight,
    PreluShape shape,
    HostRange dweight) {

  /** One array argument, for the checks: what identifies it ({@code null} if absent) and length. */
  public record Array(Object identity, int length) {
    /** A Java array, or null. */
    static Array of(HostRange range) {
      return range == null ? new Array(null, 0) : new Array(range.array(), range.length());
    }
  }

  /** Whether this is the gradient. */
  public boolean gradient() {
    return dy != null;
  }

  /** The element type. */
  public Precision precision() {
    return x.precision();
  }

  /** {@code prelu} on float arrays; see {@link #check}. */
  public static PreluRequest forward(float[] x, float[] y, float[] weight, int inner) {
    return of(HostRange.of(x), null, HostRange.of(y), HostRange.of(weight), inner, null);
  }

  /** {@code prelu} on double arrays; see {@link #check}. */
  public static PreluRequest forward(double[] x, double[] y, double[] weight, int inner) {
    return of(HostRange.of(x), null, HostRange.of(y), HostRange.of(weight), inner, null);
  }

  /** {@code preluGrad} on float arrays; see {@link #check}. */
  public static PreluRequest gradient(
      float[] x, float[] dy, float[] dx, float[] weight, int inner, float[] dweight) {
    return of(
        HostRange.of(x),
        nonNull(HostRange.of(dy), "dy"),
        HostRange.of(dx),
        HostRange.of(weight),
        inner,
        nonNull(HostRange.of(dweight), "dweight"));
  }

  /** {@code preluGrad} on double arrays; see {@link #check}. */
  public static PreluRequest gradient(
      double[] x, double[] dy, double[] dx, double[] weight, int inner, double[] dweight) {
    return of(
        HostRange.of(x),
        nonNull(HostRange.of(dy), "dy"),
        HostRange.of(dx),
        HostRange.of(weight),
        inner,
        nonNull(HostRange.of(dweight), "dweight"));
  }

  /**
   * {@code prelu} on 16-bit elements of {@code precision} with float weights; the precision is
   * checked first, then as {@link #check}.
   */
  public static PreluRequest forward(
      Precision precision, short[] x, short[] y, float[] weight, int inner) {
    ShortRequest.requireSixteenBit(precision);
    return of(
        HostRange.of(precision, x),
        null,
        HostRange.of(precision, y),
        HostRange.of(weight),
        inner,
        null);
  }

  /**
   * {@code preluGrad} on 16-bit elements of {@code precision} with float weights and weight
   * gradient; the precision is checked first, then as {@link #check}.
   */
  public static PreluRequest gradient(
      Precision precision,
      short[] x,
      short[] dy,
      short[] dx,
      float[] weight,
      int inner,
      float[] dweight) {
    ShortRequest.requireSixteenBit(precision);
    return of(
        HostRange.of(precision, x),
        nonNull(HostRange.of(precision, dy), "dy"),
        HostRange.of(precision, dx),
        HostRange.of(weight),
        inner,
        nonNull(HostRange.of(dweight), "dweight"));
  }

  private static HostRange nonNull(HostRange range, String name) {
    if (range == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return range;
  }

  private static PreluRequest of(
      HostRange x, HostRange dy, HostRange out, HostRange weight, int inner, HostRange dweight) {
    boolean gradient = dy != null;
    PreluShape shape =
        check(
            gradient,
            Array.of(x),
            Array.of(dy),
            Array.of(out),
            Array.of(weight),
            inner,
            Array.of(dweight));
    return new PreluRequest(x, dy, out, weight, shape, dweight);
  }

  /**
   * The checks of every PReLU call, on Java arrays and device arrays alike, in this order: nulls,
   * lengths ({@code dy} and the output as long as {@code x}, {@code dweight} as long as {@code
   * weight}), the shape ({@link PreluShape}), then aliasing: the output may be {@code x} or {@code
   * dy} but not {@code weight}, and {@code dweight} is none of the others.
   *
   * @throws NullPointerException naming a null argument
   * @throws IllegalArgumentException naming the argument and sizes otherwise
   */
  public static PreluShape check(
      boolean gradient, Array x, Array dy, Array out, Array weight, int inner, Array dweight) {
    String outName = gradient ? "dx" : "y";
    requireGiven(x, "x");
    if (gradient) {
      requireGiven(dy, "dy");
    }
    requireGiven(out, outName);
    requireGiven(weight, "weight");
    if (gradient) {
      requireGiven(dweight, "dweight");
      Request.requireSameLength(x.length(), dy.length(), "dy");
    }
    Request.requireSameLength(x.length(), out.length(), outName);
    if (gradient && dweight.length() != weight.length()) {
      throw new IllegalArgumentException(
          "dweight.length "
              + dweight.length()
              + " differs from weight.length "
              + weight.length()
              + " (the channel count)");
    }
    PreluShape shape = new PreluShape(x.length(), weight.length(), inner);
    requireApart(out, outName, weight, "weight");
    if (gradient) {
      requireApart(dweight, "dweight", x, "x");
      requireApart(dweight, "dweight", dy, "dy");
      requireApart(dweight, "dweight", out, outName);
      requireApart(dweight, "dweight", weight, "weight");
    }
    return shape;
  }

  private static void requireGiven(Array array, String name) {
    if (array.identity() == null) {
      throw new NullPointerException(name + " must not be null");
    }
  }

  private static void requireApart(Array a, String aName, Array b, String bName) {
    if (a.identity() == b.identity()) {
      throw new IllegalArgumentException(
          aName + " must not be " + bName + ": it is written while " + bName + " is in use");
    }
  }
}
