package dev.rectifier;

import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.SpecialValues;
import dev.rectifier.verify.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;

/**
 * Seeded calls of every op and precision, with assorted sizes and alphas and their contract
 * results, for tests that make many calls from many threads.
 */
final class CallPool {
  private static final int[] SIZES = {1, 7, 100, 1023, 4096, 70_001};

  /** One call with its inputs and the results the contract allows on the target. */
  record Call(
      String name, Op op, Object x, Object dy, double alpha, Object expected, Object flushing) {
    /** Makes the call on {@code r} into a fresh output and asserts the result, bit for bit. */
    void check(Rectifier r) {
      int n = Tensors.length(x);
      Object out = Tensors.filled(n, -7, Tensors.precision(x));
      Calls.whole(r, op, x, dy, out, alpha);
      BitAssert.assertSameBits(name, expected, flushing, out, 0, n, i -> "x=" + Tensors.show(x, i));
    }
  }

  private final List<Call> calls = new ArrayList<>();

  /** {@code count} calls for {@code target}, drawn from {@code seed}. */
  CallPool(Backends.Target target, int count, long seed) {
    Well19937c rng = new Well19937c(seed);
    RandomTensors random = new RandomTensors();
    for (int i = 0; i < count; i++) {
      Op op = Op.values()[rng.nextInt(Op.values().length)];
      Precision p = TestPrecisions.FLOAT_AND_DOUBLE.get(rng.nextInt(2));
      int size = SIZES[rng.nextInt(SIZES.length)];
      double[] alphas = SpecialValues.alphas();
      double alpha = alphas[rng.nextInt(alphas.length)];
      Object x = random.get(Distribution.MIXED, p, size, seed + 2L * i);
      Object dy =
          op.isGradient() ? random.get(Distribution.MIXED, p, size, seed + 2L * i + 1) : null;
      String name =
          String.format("call %d: %s %s n=%d alpha=%s on %s", i, op, p, size, alpha, target);
      calls.add(
          new Call(
              name,
              op,
              x,
              dy,
              alpha,
              Expected.of(op, x, dy, alpha),
              Expected.flushing(target.mayFlush(p), op, x, dy, alpha)));
    }
  }

  /** The call that {@code thread} makes at {@code step}: each thread goes its own way. */
  Call get(int thread, int step) {
    return calls.get(Math.floorMod(thread * 7919 + step * 31, calls.size()));
  }
}
