package dev.rectifier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Seeded random tensors from Commons Math generators, cached so that large ones are made once. */
final class RandomTensors {
  /** How the values are drawn. */
  enum Distribution {
    /** Standard normal: the typical pre-activation. */
    NORMAL,
    /** Random sign, magnitude log-uniform over the whole exponent range, subnormals included. */
    WIDE,
    /**
     * Standard normal with one element in twenty replaced by a special value (±0, NaN, ±Inf...).
     */
    MIXED
  }

  private record Key(Distribution distribution, Precision precision, int size, long seed) {}

  private final Map<Key, Object> cache = new ConcurrentHashMap<>();

  /** The tensor for these parameters; the same arguments give the same values. Do not modify. */
  Object get(Distribution distribution, Precision precision, int size, long seed) {
    return cache.computeIfAbsent(
        new Key(distribution, precision, size, seed),
        k -> Tensors.of(draw(distribution, precision, size, seed), precision));
  }

  void clear() {
    cache.clear();
  }

  private static double[] draw(
      Distribution distribution, Precision precision, int size, long seed) {
    RandomGenerator rng = new Well19937c(seed);
    RandomDataGenerator data = new RandomDataGenerator(rng);
    NormalDistribution normal = new NormalDistribution(rng, 0, 1);
    boolean d = precision == Precision.DOUBLE;
    int minExponent = d ? -1074 : -149;
    int maxExponent = d ? Double.MAX_EXPONENT : Float.MAX_EXPONENT;
    double[] specials = Specials.values(precision);
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
