package dev.rectifier;

import java.util.List;

/**
 * An element-wise op with the alpha it runs with (alpha is ignored by relu and reluGrad), for the
 * parameterized tests of every precision. Public for the tests of other packages
 * (dev.rectifier.half's).
 *
 * @param op the op
 * @param alpha its slope, as a double ({@link #floatAlpha} for float and 16-bit calls)
 */
public record OpCase(Op op, double alpha) {
  /** Each op, and Leaky ReLU and its gradient with a small, a large and a negative alpha. */
  public static final List<OpCase> ELEMENTWISE =
      List.of(
          new OpCase(Op.RELU, 0),
          new OpCase(Op.RELU_GRAD, 0),
          new OpCase(Op.LEAKY_RELU, 0.01),
          new OpCase(Op.LEAKY_RELU, 3.5),
          new OpCase(Op.LEAKY_RELU_GRAD, 0.01),
          new OpCase(Op.LEAKY_RELU_GRAD, -0.5));

  /** The alpha as a float, for the float and 16-bit forms. */
  public float floatAlpha() {
    return (float) alpha;
  }

  @Override
  public String toString() {
    return op.takesAlpha() ? op + "(" + alpha + ")" : op.toString();
  }
}
