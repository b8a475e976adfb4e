package dev.rectifier;

/**
 * Calls the public API for any op and precision, on arrays held as {@code Object}; the double
 * overload when any array is a {@code double[]}, so that a null array still reaches the right one.
 */
final class Calls {
  private Calls() {}

  private static boolean doubles(Object x, Object dy, Object out) {
    return x instanceof double[] || dy instanceof double[] || out instanceof double[];
  }

  /** The whole-array overload: {@code op(x[, dy], out[, alpha])}. */
  static void whole(Rectifier r, Op op, Object x, Object dy, Object out, double alpha) {
    if (doubles(x, dy, out)) {
      double[] xd = (double[]) x;
      double[] dyd = (double[]) dy;
      double[] o = (double[]) out;
      switch (op) {
        case RELU -> r.relu(xd, o);
        case RELU_GRAD -> r.reluGrad(xd, dyd, o);
        case LEAKY_RELU -> r.leakyRelu(xd, o, alpha);
        case LEAKY_RELU_GRAD -> r.leakyReluGrad(xd, dyd, o, alpha);
      }
    } else {
      float[] xf = (float[]) x;
      float[] dyf = (float[]) dy;
      float[] o = (float[]) out;
      float a = (float) alpha;
      switch (op) {
        case RELU -> r.relu(xf, o);
        case RELU_GRAD -> r.reluGrad(xf, dyf, o);
        case LEAKY_RELU -> r.leakyRelu(xf, o, a);
        case LEAKY_RELU_GRAD -> r.leakyReluGrad(xf, dyf, o, a);
      }
    }
  }

  /** The range overload: {@code op(x, xo[, dy, dyo], out, oo, n[, alpha])}. */
  static void range(
      Rectifier r,
      Op op,
      Object x,
      int xo,
      Object dy,
      int dyo,
      Object out,
      int oo,
      int n,
      double alpha) {
    if (doubles(x, dy, out)) {
      double[] xd = (double[]) x;
      double[] dyd = (double[]) dy;
      double[] o = (double[]) out;
      switch (op) {
        case RELU -> r.relu(xd, xo, o, oo, n);
        case RELU_GRAD -> r.reluGrad(xd, xo, dyd, dyo, o, oo, n);
        case LEAKY_RELU -> r.leakyRelu(xd, xo, o, oo, n, alpha);
        case LEAKY_RELU_GRAD -> r.leakyReluGrad(xd, xo, dyd, dyo, o, oo, n, alpha);
      }
    } else {
      float[] xf = (float[]) x;
      float[] dyf = (float[]) dy;
      float[] o = (float[]) out;
      float a = (float) alpha;
      switch (op) {
        case RELU -> r.relu(xf, xo, o, oo, n);
        case RELU_GRAD -> r.reluGrad(xf, xo, dyf, dyo, o, oo, n);
        case LEAKY_RELU -> r.leakyRelu(xf, xo, o, oo, n, a);
        case LEAKY_RELU_GRAD -> r.leakyReluGrad(xf, xo, dyf, dyo, o, oo, n, a);
      }
    }
  }

  /** The run-time-op overload: {@code apply(op, x, dy, out, alpha)}. */
  static void apply(Rectifier r, Op op, Object x, Object dy, Object out, double alpha) {
    if (doubles(x, dy, out)) {
      r.apply(op, (double[]) x, (double[]) dy, (double[]) out, alpha);
    } else {
      r.apply(op, (float[]) x, (float[]) dy, (float[]) out, (float) alpha);
    }
  }
}
