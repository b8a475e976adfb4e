package dev.rectifier.verify;

import dev.rectifier.Precision;

/**
 * The contract's special values: ±0, ±smallest and largest subnormal, ±smallest normal, ±1, ±MAX,
 * ±Inf, NaN; and the slopes it is checked with.
 */
public final class SpecialValues {
  private static final double[] ALPHAS = {0, -0.0, 0.01, 0.2, 1, 5, -0.5};

  private SpecialValues() {}

  /** The special values of {@code precision}: {@link Precision#specialValues()}. */
  public static double[] values(Precision precision) {
    return precision.specialValues();
  }

  /**
   * The slopes the contract is checked with: zero of either sign (the CPU backend has a path of its
   * own for -0.0), small, one, above one, and negative.
   */
  public static double[] alphas() {
    return ALPHAS.clone();
  }
}
