package dev.rectifier.cli;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.verify.Computation;
import dev.rectifier.verify.ContractInputs;
import dev.rectifier.verify.ContractSuite;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;

/**
 * One benchmark case: an op with its alpha and input arrays ({@code float[]} or {@code double[]}).
 */
final class Invocation {
  /** Every case draws from the same seed, so a size gets the same {@code x} for every op. */
  private final Op op;

  private final double alpha;
  private final ContractInputs inputs;

  /**
   * @param inputs from {@link #inputs}; a forward op ignores its {@code dy}
   */
  Invocation(Op op, ContractInputs inputs, double alpha) {
    this.op = op;
    this.alpha = alpha;
    this.inputs = op.isGradient() ? inputs : new ContractInputs(inputs.x(), null);
  }

  /** {@code size} seeded standard normal {@code x} and {@code dy}, for every op of a size. */
  static ContractInputs inputs(Precision precision, int size) {
    return ContractInputs.random(
        Op.RELU_GRAD, precision, Distribution.NORMAL, size, ContractSuite.SEED);
  }

  Op op() {
    return op;
  }

  double alpha() {
    return alpha;
  }

  /** The input, a {@code float[]} or {@code double[]}. */
  Object x() {
    return inputs.x();
  }

  /** The incoming gradient of a gradient op; null for a forward op. */
  Object dy() {
    return inputs.dy();
  }

  Precision precision() {
    return Tensors.precision(inputs.x());
  }

  int size() {
    return inputs.length();
  }

  /** Bytes one call reads and writes: every array the op touches, once. */
  long bytesMoved() {
    return (long) size() * op.arrays() * precision().bytes();
  }

  /** A new output array filled with NaN, so that an element left unwritten shows. */
  Object newOutput() {
    return Tensors.filled(size(), Double.NaN, precision());
  }

  /** The contract's result, element by element from {@link dev.rectifier.verify.Reference}. */
  Object expected() {
    return Expected.of(op, inputs.x(), inputs.dy(), alpha);
  }

  /** Computes this case with {@code c} into {@code out}, an array from {@link #newOutput()}. */
  void run(Computation c, Object out) {
    c.compute(op, inputs.x(), inputs.dy(), out, alpha);
  }
}
