package dev.rectifier.cli;

import dev.rectifier.DeviceArray;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.verify.Bits16;
import dev.rectifier.verify.Computation;
import dev.rectifier.verify.ContractInputs;
import dev.rectifier.verify.ContractSuite;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.PreluCalls;
import dev.rectifier.verify.PreluReference;
import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One benchmark case: an op with its alpha (or, for PReLU, its weights, channels and inner) and
 * input arrays ({@code float[]}, {@code double[]} or 16-bit {@link Bits16}, whose PReLU weights are
 * float), run once, or (an element-wise op) {@code chain} times on device arrays, each on the
 * output of the one before.
 */
final class Invocation {
  /** Every case draws from the same seed, so a size gets the same {@code x} for every op. */
  private final BenchOp op;

  private final double alpha;
  private final ContractInputs inputs;
  private final int inner;
  private final Object weight;
  private final Map<Object, Object> dweights = new IdentityHashMap<>();
  private Object expectedDweight;
  private final int chain;

  /**
   * @param inputs from {@link #inputs}; a forward op ignores its {@code dy}
   * @param channels PReLU's channel count (its weights, seeded standard normal)
   * @param inner PReLU's elements per channel and batch item; the size must be a multiple of {@code
   *     channels · inner}
   * @param chain how many times an element-wise op runs in a row: 1 for one call on Java arrays
   */
  Invocation(BenchOp op, ContractInputs inputs, double alpha, int channels, int inner, int chain) {
    this.op = op;
    this.chain = chain;
    this.alpha = alpha;
    this.inputs = op.isGradient() ? inputs : new ContractInputs(inputs.x(), null);
    this.inner = inner;
    Precision p = Tensors.computed(Tensors.precision(inputs.x()));
    this.weight =
        op.isPrelu()
            ? Tensors.of(RandomValues.draw(Distribution.NORMAL, p, channels, ContractSuite.SEED), p)
            : null;
  }

  /** An element-wise op's case. */
  Invocation(BenchOp op, ContractInputs inputs, double alpha) {
    this(op, inputs, alpha, 1, 1, 1);
  }

  /** {@code size} seeded standard normal {@code x} and {@code dy}, for every op of a size. */
  static ContractInputs inputs(Precision precision, int size) {
    return ContractInputs.random(
        Op.RELU_GRAD, precision, Distribution.NORMAL, size, ContractSuite.SEED);
  }

  BenchOp op() {
    return op;
  }

  /** The input, a {@code float[]}, {@code double[]} or {@link Bits16}. */
  Object x() {
    return inputs.x();
  }

  /** The incoming gradient of a gradient op; null for a forward op. */
  Object dy() {
    return inputs.dy();
  }

  /** PReLU's weights (float for 16-bit elements); null for the element-wise ops. */
  Object weight() {
    return weight;
  }

  Precision precision() {
    return Tensors.precision(inputs.x());
  }

  int size() {
    return inputs.length();
  }

  double alpha() {
    return alpha;
  }

  /** How many times the op runs in a row in one timed call. */
  int chain() {
    return chain;
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
   * A new weight gradient filled with NaN (float for 16-bit elements), for prelu-grad; else null.
   */
  Object newDweight() {
    return op == BenchOp.PRELU_GRAD
        ? Tensors.filled(Tensors.length(weight), Double.NaN, Tensors.computed(precision()))
        : null;
  }

  /** The contract's result, element by element from the references, of the whole chain. */
  Object expected() {
    return switch (op) {
      case PRELU -> PreluReference.forward(x(), weight, inner);
      case PRELU_GRAD -> PreluReference.dx(x(), dy(), weight, inner);
      default -> chainExpected();
    };
  }

  private Object chainExpected() {
    Op o = op.op();
    Object result = Expected.of(o, x(), dy(), alpha);
    for (int k = 1; k < chain; k++) {
      result =
          o.isGradient() ? Expected.of(o, x(), result, alpha) : Expected.of(o, result, null, alpha);
    }
    return result;
  }

  /** Computes this case on {@code r} into {@code out}, an array from {@link #newOutput()}. */
  void run(Rectifier r, Object out) {
    switch (op) {
      case PRELU -> PreluCalls.forward(r, x(), out, weight, inner);
      case PRELU_GRAD ->
          PreluCalls.gradient(
              r, x(), dy(), out, weight, inner, dweights.computeIfAbsent(out, o -> newDweight()));
      default -> Computation.of(r).compute(op.op(), x(), dy(), out, alpha);
    }
  }

  /**
   * Computes the chain of an element-wise op on {@code r}'s device arrays: one upload of {@code x}
   * (and {@code dy}), the op {@code chain} times, each on the output of the one before (a forward
   * op on {@code y}, a gradient on {@code x} and the last {@code dx}), one finish and one download
   * into {@code out}.
   */
  void runChained(Rectifier r, Object out) {
    Op o = op.op();
    try (DeviceArray dx = PreluCalls.upload(r, x());
        DeviceArray ddy = o.isGradient() ? PreluCalls.upload(r, dy()) : null;
        DeviceArray y = r.allocate(precision(), size())) {
      r.apply(o, dx, ddy, y, alpha);
      for (int k = 1; k < chain; k++) {
        r.apply(o, o.isGradient() ? dx : y, o.isGradient() ? y : null, y, alpha);
      }
      r.finish();
      PreluCalls.readInto(y, out);
    }
  }

  /**
   * Runs this case once on device arrays holding its inputs ({@code weight} and {@code dweight}
   * null but for PReLU) and returns the kernel time by the device's clock, if it has one.
   */
  OptionalLong timeKernel(
      Rectifier r,
      DeviceArray x,
      DeviceArray dy,
      DeviceArray out,
      DeviceArray weights,
      DeviceArray dweight) {
    return switch (op) {
      case PRELU -> r.timing().prelu(x, out, weights, inner);
      case PRELU_GRAD -> r.timing().preluGrad(x, dy, out, weights, inner, dweight);
      default -> r.timing().kernel(op.op(), x, dy, out, alpha);
    };
  }

  /**
   * The largest distance in ULPs (of the elements' format: for 16-bit elements, steps between
   * 16-bit values) of {@code out} from {@code expected} and, for prelu-grad, of {@code dweight}
   * (or, when null, the weight gradient {@link #run} wrote with {@code out}) from the contract's,
   * summed in its order.
   */
  long maxUlpDiff(Object expected, Object out, Object dweight) {
    long ulps = dev.rectifier.verify.Ulps.maxDiff(expected, out);
    if (op != BenchOp.PRELU_GRAD) {
      return ulps;
    }
    if (expectedDweight == null) {
      expectedDweight = PreluReference.dweight(x(), dy(), Tensors.length(weight), inner);
    }
    Object actual = dweight != null ? dweight : dweights.get(out);
    return Math.max(ulps, dev.rectifier.verify.Ulps.maxDiff(expectedDweight, actual));
  }
}
