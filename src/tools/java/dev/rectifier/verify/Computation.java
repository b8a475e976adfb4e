package dev.rectifier.verify;

import dev.rectifier.Op;
import dev.rectifier.Rectifier;

/** Something that computes an op on whole arrays held as {@code Object}: a backend under test. */
@FunctionalInterface
public interface Computation {
  /**
   * Writes {@code op(x[, dy][, alpha])} into {@code out}; the arrays are all {@code float[]}, all
   * {@code double[]} or all {@link Bits16} of one format, {@code dy} is null for forward ops.
   */
  void compute(Op op, Object x, Object dy, Object out, double alpha);

  /** {@link Rectifier#apply} on {@code r}, for every precision. */
  static Computation of(Rectifier r) {
    return (op, x, dy, out, alpha) -> {
      if (x instanceof Bits16 xb) {
        r.apply(
            op,
            xb.precision(),
            xb.bits(),
            dy == null ? null : ((Bits16) dy).bits(),
            ((Bits16) out).bits(),
            (float) alpha);
      } else if (x instanceof double[] xd) {
        r.apply(op, xd, (double[]) dy, (double[]) out, alpha);
      } else {
        r.apply(op, (float[]) x, (float[]) dy, (float[]) out, (float) alpha);
      }
    };
  }
}
