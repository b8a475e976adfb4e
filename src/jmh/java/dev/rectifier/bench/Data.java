package dev.rectifier.bench;

import dev.rectifier.Precision;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Random benchmark inputs: standard normal values, so half are negative, in random order. */
final class Data {
  private Data() {}

  /**
   * A {@code float[]}, {@code double[]}, or {@code short[]} of 16-bit bits (HALF, BFLOAT16) of
   * {@code n} normal values from {@code seed}.
   */
  static Object normal(Precision precision, int n, long seed) {
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
    if (precision.sixteenBit()) {
      short[] s = new short[n];
      for (int i = 0; i < n; i++) {
        s[i] = precision.round((float) random.nextGaussian(0, 1));
      }
      return s;
    }
    if (precision == Precision.DOUBLE) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = random.nextGaussian(0, 1);
      }
      return d;
    }
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) random.nextGaussian(0, 1);
    }
    return f;
  }

  /** A zeroed array of the same type and length as {@code like}. */
  static Object zeros(Object like) {
    if (like instanceof short[] s) {
      return new short[s.length];
    }
    return like instanceof double[] d ? new double[d.length] : new float[((float[]) like).length];
  }
}
