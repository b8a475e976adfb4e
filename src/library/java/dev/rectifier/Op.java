package dev.rectifier;

/**
 * The element-wise operations rectifier computes. Their exact meaning, for every input including
 * NaN, ±0, ±Inf and subnormals, is the contract in the README:
 *
 * <pre>
 * relu(x)                  = x &gt; 0 ? x  : (isNaN(x) ? x : +0.0)
 * reluGrad(x, dy)          = x &gt; 0 ? dy : +0.0
 * leakyRelu(x, a)          = x &gt; 0 ? x  : a * x
 * leakyReluGrad(x, dy, a)  = x &gt; 0 ? dy : a * dy
 * </pre>
 */
public enum Op {
  /** {@code y = x > 0 ? x : (isNaN(x) ? x : +0.0)}. */
  RELU(false, false),
  /** {@code dx = x > 0 ? dy : +0.0}. */
  RELU_GRAD(true, false),
  /** {@code y = x > 0 ? x : alpha * x}. */
  LEAKY_RELU(false, true),
  /** {@code dx = x > 0 ? dy : alpha * dy}. */
  LEAKY_RELU_GRAD(true, true);

  private final boolean gradient;
  private final boolean takesAlpha;

  Op(boolean gradient, boolean takesAlpha) {
    this.gradient = gradient;
    this.takesAlpha = takesAlpha;
  }

  /** Whether this op is a gradient: it reads {@code x} and {@code dy} and writes {@code dx}. */
  public boolean isGradient() {
    return gradient;
  }

  /** Whether this op takes the Leaky ReLU slope {@code alpha}. */
  public boolean takesAlpha() {
    return takesAlpha;
  }
}
