package dev.rectifier.cli;

import dev.rectifier.Op;

/**
 * The ops {@code rectifier bench} times: the element-wise {@link Op}s and PReLU's two, whose
 * weights (one a channel) come from {@code --channels} and {@code --inner}.
 */
enum BenchOp {
  RELU(Op.RELU),
  RELU_GRAD(Op.RELU_GRAD),
  LEAKY_RELU(Op.LEAKY_RELU),
  LEAKY_RELU_GRAD(Op.LEAKY_RELU_GRAD),
  /** {@code prelu(x, y, weight, inner)}. */
  PRELU(null),
  /** {@code preluGrad(x, dy, dx, weight, inner, dweight)}. */
  PRELU_GRAD(null);

  private final Op op;

  BenchOp(Op op) {
    this.op = op;
  }

  /** The element-wise op; null for PReLU's. */
  Op op() {
    return op;
  }

  /** Whether this is one of PReLU's ops. */
  boolean isPrelu() {
    return op == null;
  }

  /** Whether this op reads {@code dy}. */
  boolean isGradient() {
    return op == null ? this == PRELU_GRAD : op.isGradient();
  }

  /** Arrays read or written once per element (PReLU's weights, a few per channel, aside). */
  int arrays() {
    return isGradient() ? 3 : 2;
  }
}
