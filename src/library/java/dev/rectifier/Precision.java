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
}
