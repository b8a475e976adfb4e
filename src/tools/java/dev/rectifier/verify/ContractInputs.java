package dev.rectifier.verify;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.verify.RandomValues.Distribution;

/**
 * Inputs of one op in one precision: {@code x}, and {@code dy} for gradients (else null).
 *
 * @param x the input array, {@code float[]}, {@code double[]} or {@link Bits16}
 * @param dy the gradient input, of the same type and length, or null for forward ops
 */
public record ContractInputs(Object x, Object dy) {

  /** Every special value as {@code x}; for gradients, every pair of special {@code x} and dy. */
  public static ContractInputs specials(Op op, Precision p) {
    double[] specials = SpecialValues.values(p);
    int pairs = op.isGradient() ? specials.length : 1;
    double[] xs = new double[specials.length * pairs];
    double[] dys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = specials[i / pairs];
      dys[i] = specials[i % pairs];
    }
    return new ContractInputs(Tensors.of(xs, p), op.isGradient() ? Tensors.of(dys, p) : null);
  }

  /** {@code size} seeded {@link RandomValues}, {@code dy} from the next seed. */
  public static ContractInputs random(
      Op op, Precision p, Distribution distribution, int size, long seed) {
    Object x = Tensors.of(RandomValues.draw(distribution, p, size, seed), p);
    Object dy =
        op.isGradient() ? Tensors.of(RandomValues.draw(distribution, p, size, seed + 1), p) : null;
    return new ContractInputs(x, dy);
  }

  /** The number of elements. */
  public int length() {
    return Tensors.length(x);
  }

  /** Element {@code i}'s inputs with their bits, e.g. {@code x=-0.0 [0x80000000] dy=...}. */
  public String describe(int i) {
    return "x=" + Tensors.show(x, i) + (dy == null ? "" : " dy=" + Tensors.show(dy, i));
  }
}
