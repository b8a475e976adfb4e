package dev.rectifier.verify;

import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.verify.ContractSuite.Case;
import dev.rectifier.verify.RandomValues.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The contract suite's PReLU part, on one {@link Rectifier}: prelu and preluGrad on every special x
 * with every special weight (and every x and dy pair for the gradient), and on seeded random
 * tensors of each {@link Distribution} in a few shapes, compared with {@link PreluReference}: the
 * outputs bit for bit, and the weight gradient bit for bit in the contract's order (except where
 * the backend may flush subnormals, which changes sums). For the 16-bit formats the weights are
 * float (float's special values, and standard normal floats).
 */
public final class PreluSuite {
  /** {channels, inner} of the random cases: channels-last, and channels before a long inner. */
  private static final int[][] SHAPES = {{64, 1}, {3, 7}, {1, 4099}};

  private PreluSuite() {}

  /** Runs the suite; see {@link ContractSuite#run} for {@code mayFlush} and {@code shown}. */
  public static List<Case> run(
      Rectifier r, List<Precision> precisions, Predicate<Precision> mayFlush, int shown) {
    List<Case> cases = new ArrayList<>();
    for (Precision p : precisions) {
      boolean flushes = mayFlush.test(p);
      ContractInputs specials = everySpecialPair(p);
      String name = "PRELU " + p;
      Precision weights = Tensors.computed(p);
      cases.addAll(
          check(
              r,
              name + " specials",
              specials.x(),
              specials.dy(),
              Tensors.of(SpecialValues.values(weights), weights),
              1,
              flushes,
              shown));
      for (int[] shape : SHAPES) {
        int channels = shape[0];
        int inner = shape[1];
        int size = (ContractSuite.RANDOM_SIZE / (channels * inner) | 1) * channels * inner;
        Object w =
            Tensors.of(
                RandomValues.draw(Distribution.NORMAL, weights, channels, ContractSuite.SEED),
                weights);
        for (Distribution d : Distribution.values()) {
          ContractInputs in =
              ContractInputs.random(dev.rectifier.Op.RELU_GRAD, p, d, size, ContractSuite.SEED);
          String what =
              String.format("%s channels=%d inner=%d random %s", name, channels, inner, d);
          cases.addAll(check(r, what, in.x(), in.dy(), w, inner, flushes, shown));
        }
      }
    }
    return cases;
  }

  /**
   * Every pair of the special values as {@code x} and {@code dy}, each pair once with every special
   * value as the weight: {@code [k][k][k]} elements for {@code k} specials, channels {@code k} and
   * inner 1.
   */
  public static ContractInputs everySpecialPair(Precision p) {
    double[] specials = SpecialValues.values(p);
    int k = specials.length;
    double[] xs = new double[k * k * k];
    double[] dys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = specials[i / k % k];
      dys[i] = specials[i / k / k];
    }
    return new ContractInputs(Tensors.of(xs, p), Tensors.of(dys, p));
  }

  /** The forward op, the gradient's dx and its dweight on these inputs: three cases. */
  private static List<Case> check(
      Rectifier r,
      String name,
      Object x,
      Object dy,
      Object weight,
      int inner,
      boolean mayFlush,
      int shown) {
    Precision p = Tensors.precision(x);
    int n = Tensors.length(x);
    int channels = Tensors.length(weight);
    Object y = Tensors.filled(n, 12345, p);
    PreluCalls.forward(r, x, y, weight, inner);
    Object dx = Tensors.filled(n, 12345, p);
    Object dweight = Tensors.filled(channels, 12345, Tensors.computed(p));
    PreluCalls.gradient(r, x, dy, dx, weight, inner, dweight);
    Object forward = PreluReference.forward(x, weight, inner);
    Object gradient = PreluReference.dx(x, dy, weight, inner);
    Object flushedW = Tensors.flushed(weight);
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            name + " y",
            Comparison.of(
                forward,
                mayFlush
                    ? Tensors.flushed(PreluReference.forward(Tensors.flushed(x), flushedW, inner))
                    : null,
                y,
                0,
                n,
                i -> describe(x, null, weight, inner, i),
                shown)));
    cases.add(
        new Case(
            name + " dx",
            Comparison.of(
                gradient,
                mayFlush
                    ? Tensors.flushed(
                        PreluReference.dx(Tensors.flushed(x), Tensors.flushed(dy), flushedW, inner))
                    : null,
                dx,
                0,
                n,
                i -> describe(x, dy, weight, inner, i),
                shown)));
    if (!mayFlush) {
      cases.add(
          new Case(
              name + " dweight",
              Comparison.of(
                  PreluReference.dweight(x, dy, channels, inner),
                  null,
                  dweight,
                  0,
                  channels,
                  c -> "channel " + c,
                  shown)));
    }
    return cases;
  }

  private static String describe(Object x, Object dy, Object weight, int inner, int i) {
    return "x="
        + Tensors.show(x, i)
        + (dy == null ? "" : " dy=" + Tensors.show(dy, i))
        + " w="
        + Tensors.show(weight, (i / inner) % Tensors.length(weight));
  }
}
