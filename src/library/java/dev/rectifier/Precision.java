package dev.rectifier;

/** The floating-point element types rectifier works on. */
public enum Precision {
  /** {@code float[]}, IEEE binary32. */
  FLOAT(Float.BYTES),
  /** {@code double[]}, IEEE binary64; on OpenCL, only on devices with {@code cl_khr_fp64}. */
  DOUBLE(Double.BYTES);

  private final int bytes;

  Precision(int bytes) {
    this.bytes = bytes;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }
}
