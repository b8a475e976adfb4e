package dev.rectifier.cli;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * One benchmark case: an op and precision with its random input arrays ({@code float[]} or {@code
 * double[]}), and the typed {@link Rectifier} call that computes it.
 */
final class Invocation {
  /** Every case draws from the same seed, so a size gets the same {@code x} for every op. */
  private static final long SEED = 20_240_601L;

  private final Op op;
  private final Precision precision;
  private final double alpha;
  private final Object x;
  private final Object dy;
  private final int size;

  private Invocation(Op op, Precision precision, double alpha, double[] x, double[] dy) {
    this.op = op;
    this.precision = precision;
    this.alpha = alpha;
    this.size = x.length;
    this.x = typed(x);
    this.dy = dy == null ? null : typed(dy);
  }

  /** {@code size} standard normal inputs {@code x}, and {@code dy} for a gradient, seeded. */
  static Invocation random(Op op, Precision precision, int size, double alpha) {
    NormalDistribution normal = new NormalDistribution(new Well19937c(SEED), 0, 1);
    double[] x = normal.sample(size);
    return new Invocation(op, precision, alpha, x, op.isGradient() ? normal.sample(size) : null);
  }

  Op op() {
    return op;
  }

  Precision precision() {
    return precision;
  }

  int size() {
    return size;
  }

  /** The input array: {@code float[]} or {@code double[]}. */
  Object x() {
    return x;
  }

  /** The gradient input array for gradient ops, else null. */
  Object dy() {
    return dy;
  }

  /** Bytes one call reads and writes: every array the op touches, once. */
  long bytesMoved() {
    return (long) size * op.arrays() * precision.bytes();
  }

  /** A new output array filled with NaN, so that an element left unwritten shows. */
  Object newOutput() {
    if (precision == Precision.FLOAT) {
      float[] out = new float[size];
      Arrays.fill(out, Float.NaN);
      return out;
    }
    double[] out = new double[size];
    Arrays.fill(out, Double.NaN);
    return out;
  }

  /** Computes this case with {@code r} into {@code out}, an array from {@link #newOutput()}. */
  void run(Rectifier r, Object out) {
    if (precision == Precision.FLOAT) {
      r.apply(op, (float[]) x, (float[]) dy, (float[]) out, (float) alpha);
    } else {
      r.apply(op, (double[]) x, (double[]) dy, (double[]) out, alpha);
    }
  }

  /**
   * Whether two outputs of one precision hold the same bits, per {@link Arrays#equals(float[],
   * float[])}: every NaN equals every NaN, and −0.0 differs from +0.0, as the contract compares.
   */
  static boolean sameBits(Object expected, Object actual) {
    return expected instanceof float[] f
        ? Arrays.equals(f, (float[]) actual)
        : Arrays.equals((double[]) expected, (double[]) actual);
  }

  /** {@code values} in this case's precision: as they are, or rounded to float. */
  private Object typed(double[] values) {
    if (precision == Precision.DOUBLE) {
      return values;
    }
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }
}
