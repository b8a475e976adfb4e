package dev.rectifier.verify;

/**
 * The rectifier contract, one element at a time: the formulas every backend must reproduce bit for
 * bit (NaN results match as "both NaN"). Java's float and double multiplication is correctly
 * rounded IEEE 754, as OpenCL C's is, so no tolerance is needed anywhere.
 */
public final class Reference {
  private Reference() {}

  /** {@code x > 0 ? x : (isNaN(x) ? x : +0.0)}: NaN propagates, −0.0 and −Inf give +0.0. */
  public static float relu(float x) {
    return x > 0 ? x : (Float.isNaN(x) ? x : 0f);
  }

  /** {@code x > 0 ? x : (isNaN(x) ? x : +0.0)}: NaN propagates, −0.0 and −Inf give +0.0. */
  public static double relu(double x) {
    return x > 0 ? x : (Double.isNaN(x) ? x : 0d);
  }

  /** {@code x > 0 ? dy : +0.0}: the derivative at 0 is 0. */
  public static float reluGrad(float x, float dy) {
    return x > 0 ? dy : 0f;
  }

  /** {@code x > 0 ? dy : +0.0}: the derivative at 0 is 0. */
  public static double reluGrad(double x, double dy) {
    return x > 0 ? dy : 0d;
  }

  /** {@code x > 0 ? x : a * x}: NaN propagates; −0.0 gives a·(−0.0); a = 0 and −Inf give NaN. */
  public static float leakyRelu(float x, float a) {
    return x > 0 ? x : a * x;
  }

  /** {@code x > 0 ? x : a * x}: NaN propagates; −0.0 gives a·(−0.0); a = 0 and −Inf give NaN. */
  public static double leakyRelu(double x, double a) {
    return x > 0 ? x : a * x;
  }

  /** {@code x > 0 ? dy : a * dy}: the derivative at 0 is a. */
  public static float leakyReluGrad(float x, float dy, float a) {
    return x > 0 ? dy : a * dy;
  }

  /** {@code x > 0 ? dy : a * dy}: the derivative at 0 is a. */
  public static double leakyReluGrad(double x, double dy, double a) {
    return x > 0 ? dy : a * dy;
  }
}
