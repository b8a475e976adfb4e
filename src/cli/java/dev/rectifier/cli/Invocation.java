package dev.rectifier.cli;

import dev.rectifier.DeviceArray;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.verify.Computation;
import dev.rectifier.verify.ContractInputs;
import dev.rectifier.verify.ContractSuite;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;

/**
 * One benchmark case: an op with its alpha and input arrays ({@code float[]} or {@code double[]}),
 * run once, or {@code chain} times on device arrays, each on the output of the one before.
 */
final class Invocation {
  /** Every case draws from the same seed, so a size gets the same {@code x} for every op. */
  private final Op op;

  private final double alpha;
  private final ContractInputs inputs;
  private final int chain;

  /**
   * @param inputs from {@link #inputs}; a forward op ignores its {@code dy}
   * @param chain how many times the op runs in a row: 1 for one call on Java arrays
   */
  Invocation(Op op, ContractInputs inputs, double alpha, int chain) {
    this.op = op;
    this.alpha = alpha;
    this.inputs = op.isGradient() ? inputs : new ContractInputs(inputs.x(), null);
    this.chain = chain;
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

  /** How many times the op runs in a row in one timed call. */
  int chain() {
    return chain;
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

  /** Bytes one op reads and writes: every array it touches, once. */
  long bytesPerOp() {
    return (long) size() * op.arrays() * precision().bytes();
  }

  /** Bytes the ops of one timed call read and write, transfers not counted. */
  long bytesMoved() {
    return chain * bytesPerOp();
  }

  /** A new output array filled with NaN, so that an element left unwritten shows. */
  Object newOutput() {
    return Tensors.filled(size(), Double.NaN, precision());
  }

  /**
   * The contract's result, element by element from {@link dev.rectifier.verify.Reference}, of the
   * whole chain.
   */
  Object expected() {
    Object result = Expected.of(op, inputs.x(), inputs.dy(), alpha);
    for (int k = 1; k < chain; k++) {
      result =
          op.isGradient()
              ? Expected.of(op, inputs.x(), result, alpha)
              : Expected.of(op, result, null, alpha);
    }
    return result;
  }

  /** Computes one op with {@code c} into {@code out}, an array from {@link #newOutput()}. */
  void run(Computation c, Object out) {
    c.compute(op, inputs.x(), inputs.dy(), out, alpha);
  }

  /**
   * Computes the chain on {@code r}'s device arrays: one upload of {@code x} (and {@code dy}), the
   * op {@code chain} times, each on the output of the one before (a forward op on {@code y}, a
   * gradient on {@code x} and the last {@code dx}), one finish and one download into {@code out}.
   */
  void runChained(Rectifier r, Object out) {
    Precision p = precision();
    try (DeviceArray x = upload(r, inputs.x());
        DeviceArray dy = op.isGradient() ? upload(r, inputs.dy()) : null;
        DeviceArray y = r.allocate(p, size())) {
      r.apply(op, x, dy, y, alpha);
      for (int k = 1; k < chain; k++) {
        r.apply(op, op.isGradient() ? x : y, op.isGradient() ? y : null, y, alpha);
      }
      r.finish();
      if (out instanceof float[] f) {
        y.read(f);
      } else {
        y.read((double[]) out);
      }
    }
  }

  static DeviceArray upload(Rectifier r, Object data) {
    return data instanceof float[] f ? r.upload(f) : r.upload((double[]) data);
  }
}
