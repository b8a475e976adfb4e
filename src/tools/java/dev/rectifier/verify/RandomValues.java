package dev.rectifier.verify;

import dev.rectifier.Precision;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Seeded random inputs from Commons Math generators: the same arguments give the same values. */
public final class RandomValues {
  /** How the values are drawn. */
  public enum Distribution {
    /** Standard normal: the typical pre-activation. */
    NORMAL,
    /** Random sign, magnitude log-uniform over the whole exponent range, subnormals included. */
    WIDE,
    /** Standard normal with one element in twenty replaced by a {@link SpecialValues} value. */
    MIXED
  }

  private RandomValues() {}

  /**
   * {@code size} values drawn from {@code distribution} for {@code precision} (its exponent range
   * and special values), seeded with {@code seed}, as doubles; round them with {@link Tensors#of}.
   */
  public static double[] draw(Distribution distribution, Precision precision, int size, long seed) {
    RandomGenerator rng = new Well19937c(seed);
    RandomDataGenerator data = new RandomDataGenerator(rng);
    NormalDistribution normal = new NormalDistribution(rng, 0, 1);
    double[] specials = SpecialValues.values(precision);
    // The exponents of the smallest subnormal and of the largest finite value (every format's
    // smallest subnormal but double's is a normal double, whose exponent Math.getExponent gives).
    int minExponent = precision == Precision.DOUBLE ? -1074 : Math.getExponent(specials[2]);
    int maxExponent = Math.getExponent(specials[12]);
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] =
          switch (distribution) {
            case NORMAL -> normal.sample();
            case WIDE ->
                Math.copySign(
                    Math.scalb(1 + rng.nextDouble(), data.nextInt(minExponent, maxExponent)),
                    rng.nextBoolean() ? 1 : -1);
            case MIXED ->
                rng.nextInt(20) == 0 ? specials[rng.nextInt(specials.length)] : normal.sample();
          };
    }
    return values;
  }
}
