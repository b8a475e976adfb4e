package dev.rectifier.verify;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.verify.RandomValues.Distribution;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The contract suite for any {@link Computation}: every op and precision asked for, every alpha of
 * {@link SpecialValues#alphas()} for the Leaky ReLU ops, on the special values (every pair for
 * gradients) and on seeded random tensors of each {@link Distribution}, compared with {@link
 * Expected} bit for bit.
 */
public final class ContractSuite {
  /** Elements of each random case: a prime, so that no vector or work-group width divides it. */
  public static final int RANDOM_SIZE = 10_007;

  /** The seed of the random inputs, shared with the bench command's. */
  public static final long SEED = 20_240_601L;

  /**
   * One case of the suite and how it went.
   *
   * @param name op, precision, alpha and inputs, e.g. {@code LEAKY_RELU FLOAT alpha=5.0 specials}
   * @param comparison the output compared with the contract's
   */
  public record Case(String name, Comparison comparison) {}

  private ContractSuite() {}

  /**
   * Runs the suite.
   *
   * @param mayFlush whether the computation may flush subnormals of a precision to zero (an OpenCL
   *     device without {@code CL_FP_DENORM}); its results are then also compared with a flushing
   *     reference
   * @param shown how many mismatches to describe per case
   */
  public static List<Case> run(
      Computation computation,
      List<Precision> precisions,
      Predicate<Precision> mayFlush,
      int shown) {
    List<Case> cases = new ArrayList<>();
    for (Precision p : precisions) {
      boolean flushes = mayFlush.test(p);
      for (Op op : Op.values()) {
        ContractInputs specials = ContractInputs.specials(op, p);
        Map<Distribution, ContractInputs> random = new EnumMap<>(Distribution.class);
        for (Distribution d : Distribution.values()) {
          random.put(d, ContractInputs.random(op, p, d, RANDOM_SIZE, SEED));
        }
        for (double alpha : op.takesAlpha() ? SpecialValues.alphas() : new double[] {0}) {
          String name = op + " " + p + (op.takesAlpha() ? " alpha=" + alpha : "");
          cases.add(check(computation, name + " specials", op, specials, alpha, flushes, shown));
          random.forEach(
              (d, inputs) ->
                  cases.add(
                      check(
                          computation, name + " random " + d, op, inputs, alpha, flushes, shown)));
        }
      }
    }
    return cases;
  }

  private static Case check(
      Computation computation,
      String name,
      Op op,
      ContractInputs in,
      double alpha,
      boolean mayFlush,
      int shown) {
    Object out = Tensors.filled(in.length(), 12345, Tensors.precision(in.x()));
    computation.compute(op, in.x(), in.dy(), out, alpha);
    Object expected = Expected.of(op, in.x(), in.dy(), alpha);
    Object flushing = Expected.flushing(mayFlush, op, in.x(), in.dy(), alpha);
    return new Case(
        name, Comparison.of(expected, flushing, out, 0, in.length(), in::describe, shown));
  }
}
