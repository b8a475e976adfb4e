package dev.rectifier.verify;

import dev.rectifier.Op;
import dev.rectifier.Precision;

/**
 * The contract's result for whole arrays, computed element by element with {@link Reference}: for
 * the 16-bit formats, the float op on the inputs widened exactly to float, rounded once to the
 * format.
 */
public final class Expected {
  private Expected() {}

  /** {@code op} applied to every element of {@code x} (and {@code dy}; null for forward ops). */
  public static Object of(Op op, Object x, Object dy, double alpha) {
    Precision p = Tensors.precision(x);
    double[] result = new double[Tensors.length(x)];
    for (int i = 0; i < result.length; i++) {
      double dyi = dy == null ? 0 : Tensors.get(dy, i);
      result[i] = element(op, p, Tensors.get(x, i), dyi, alpha);
    }
    return Tensors.of(result, p);
  }

  /**
   * What a device without denormals may give instead: the op on flushed inputs, flushed; null when
   * {@code mayFlush} is false.
   */
  public static Object flushing(boolean mayFlush, Op op, Object x, Object dy, double alpha) {
    if (!mayFlush) {
      return null;
    }
    Object flushedDy = dy == null ? null : Tensors.flushed(dy);
    return Tensors.flushed(of(op, Tensors.flushed(x), flushedDy, alpha));
  }

  private static double element(Op op, Precision p, double x, double dy, double a) {
    if (Tensors.computed(p) == Precision.FLOAT) {
      float xf = (float) x;
      float dyf = (float) dy;
      float af = (float) a;
      return switch (op) {
        case RELU -> Reference.relu(xf);
        case RELU_GRAD -> Reference.reluGrad(xf, dyf);
        case LEAKY_RELU -> Reference.leakyRelu(xf, af);
        case LEAKY_RELU_GRAD -> Reference.leakyReluGrad(xf, dyf, af);
      };
    }
    return switch (op) {
      case RELU -> Reference.relu(x);
      case RELU_GRAD -> Reference.reluGrad(x, dy);
      case LEAKY_RELU -> Reference.leakyRelu(x, a);
      case LEAKY_RELU_GRAD -> Reference.leakyReluGrad(x, dy, a);
    };
  }
}
