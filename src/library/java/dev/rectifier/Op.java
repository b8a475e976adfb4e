package dev.rectifier;

/**
 * The four element-wise operations rectifier computes, as {@link DeviceTiming#kernel} and the
 * benchmarks name them. Their exact meaning, for every input including NaN, ±0, ±Inf and
 * subnormals, is the contract in {@code docs/contract.md}. PReLU and its gradient are not among
 * them: they take per-channel weights and have methods of their own ({@link
 * Rectifier#prelu(float[], float[], float[], int)}, {@link Rectifier#preluGrad(float[], float[],
 * float[], float[], int, float[])}, {@link DeviceTiming#prelu}, {@link DeviceTiming#preluGrad}).
 */
public enum Op {
  /** ReLU: {@code y} from {@code x}. */
  RELU(false, false),
  /** ReLU's gradient: {@code dx} from {@code x} and {@code dy}. */
  RELU_GRAD(true, false),
  /** Leaky ReLU: {@code y} from {@code x} and {@code alpha}. */
  LEAKY_RELU(false, true),
  /** Leaky ReLU's gradient: {@code dx} from {@code x}, {@code dy} and {@code alpha}. */
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
