package dev.rectifier;

/** The floating-point element types rectifier works on. */
public enum Precision {
  /** {@code float[]}, IEEE binary32. */
  FLOAT(Float.BYTES, "float"),
  /** {@code double[]}, IEEE binary64; on OpenCL, only on devices with {@code cl_khr_fp64}. */
  DOUBLE(Double.BYTES, "double");

  private final int bytes;
  private final String cType;

  Precision(int bytes, String cType) {
    this.bytes = bytes;
    this.cType = cType;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }

  /** The OpenCL C type name: {@code float} or {@code double}. */
  public String cType() {
    return cType;
  }

  /**
   * The contract's special values in this precision, as doubles (float ones are exact floats): ±0,
   * ±smallest subnormal, ±largest subnormal, ±smallest normal, ±1, 0.5, −2.5, ±MAX, ±Inf and NaN.
   * These are where the contract's edge cases live; every backend and every built program is
   * checked on them, and they make good inputs for tests of code that uses rectifier.
   *
   * @return a new array of the 17 values
   */
  public double[] specialValues() {
    boolean d = this == DOUBLE;
    double subnormal = d ? Double.MIN_VALUE : Float.MIN_VALUE;
    double largestSubnormal =
        d ? Math.nextDown(Double.MIN_NORMAL) : Math.nextDown(Float.MIN_NORMAL);
    double normal = d ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    double max = d ? Double.MAX_VALUE : Float.MAX_VALUE;
    return new double[] {
      0.0,
      -0.0,
      subnormal,
      -subnormal,
      largestSubnormal,
      -largestSubnormal,
      normal,
      -normal,
      1.0,
      -1.0,
      0.5,
      -2.5,
      max,
      -max,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NaN
    };
  }
}
