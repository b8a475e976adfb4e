package dev.rectifier.verify;

import dev.rectifier.Precision;
import java.math.BigDecimal;

/**
 * PReLU as the contract states it, written from docs/contract.md with no regard for speed and none
 * of the library's code: the element-wise selects, the weight gradient summed in the contract's
 * order (rows of at least {@link #MIN_WIDTH} columns in blocks of {@link #BLOCK_ROWS}; each column
 * down each block, then the pairwise trees over a channel's columns and over its blocks), and the
 * exact sum of the terms, for the accuracy bound. Arrays are {@code float[]}, {@code double[]} or
 * {@link Bits16} held as {@code Object} (16-bit elements with float weights and weight gradient,
 * computed in float and each output rounded once to its format); float arithmetic is done in double
 * and rounded to float after every operation, which gives the float result exactly (a double holds
 * every sum, difference and product of two floats correctly rounded before the rounding to float).
 */
public final class PreluReference {
  /** The contract's rows per block. */
  public static final int BLOCK_ROWS = 256;

  /** The contract's least row width. */
  public static final int MIN_WIDTH = 1024;

  private PreluReference() {}

  /** {@code y = x > 0 ? x : w[c] * x} for every element. */
  public static Object forward(Object x, Object weight, int inner) {
    return elementwise(x, x, weight, inner);
  }

  /** {@code dx = x > 0 ? dy : w[c] * dy} for every element. */
  public static Object dx(Object x, Object dy, Object weight, int inner) {
    return elementwise(x, dy, weight, inner);
  }

  private static Object elementwise(Object x, Object v, Object weight, int inner) {
    Precision p = Tensors.computed(Tensors.precision(x));
    int channels = Tensors.length(weight);
    Object out = Tensors.copy(v);
    for (int i = 0; i < Tensors.length(x); i++) {
      double w = Tensors.get(weight, (i / inner) % channels);
      if (!(Tensors.get(x, i) > 0)) {
        Tensors.set(out, i, round(p, w * Tensors.get(v, i)));
      }
    }
    return out;
  }

  /** Term {@code i} of the weight gradient: {@code x > 0 ? +0 : x * dy}, rounded. */
  public static double term(Object x, Object dy, int i) {
    double v = Tensors.get(x, i);
    return v > 0 ? 0.0 : round(Tensors.computed(Tensors.precision(x)), v * Tensors.get(dy, i));
  }

  /** The weight gradient, summed in the contract's order. */
  public static Object dweight(Object x, Object dy, int channels, int inner) {
    return dweight(x, dy, channels, inner, false);
  }

  /**
   * The weight gradient as a device that flushes subnormals sums it in the contract's order: its
   * inputs and the result of every operation flushed to zero of the same sign.
   */
  public static Object dweightFlushed(Object x, Object dy, int channels, int inner) {
    return dweight(Tensors.flushed(x), Tensors.flushed(dy), channels, inner, true);
  }

  private static Object dweight(Object x, Object dy, int channels, int inner, boolean flush) {
    Precision p = Tensors.computed(Tensors.precision(x));
    double[] result = new double[channels];
    for (int c = 0; c < channels; c++) {
      result[c] = channel(new Arithmetic(p, flush), x, dy, channels, inner, c);
    }
    return Tensors.of(result, p);
  }

  private static double channel(Arithmetic p, Object x, Object dy, int channels, int inner, int c) {
    int length = Tensors.length(x);
    if (length == 0) {
      return 0;
    }
    int item = channels * inner;
    int width = (MIN_WIDTH + item - 1) / item * item;
    int rows = (length + width - 1) / width;
    int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    int lanes = width / channels;
    double[][] blockPairs = new double[blocks][];
    for (int b = 0; b < blocks; b++) {
      double[][] lanePairs = new double[lanes][];
      for (int l = 0; l < lanes; l++) {
        double s = 0;
        double e = 0;
        int column = (l / inner) * item + c * inner + l % inner;
        for (int r = b * BLOCK_ROWS; r < Math.min((b + 1) * BLOCK_ROWS, rows); r++) {
          long i = (long) r * width + column;
          if (i < length) {
            double[] st = twoSum(p, s, p.round(term(x, dy, (int) i)));
            s = st[0];
            e = p.round(e + st[1]);
          }
        }
        lanePairs[l] = new double[] {s, e};
      }
      blockPairs[b] = tree(p, lanePairs);
    }
    double[] sum = tree(p, blockPairs);
    return Double.isFinite(sum[0]) ? p.round(sum[0] + sum[1]) : sum[0];
  }

  /** The contract's pairwise tree over pairs {s, e}. */
  private static double[] tree(Arithmetic p, double[][] pairs) {
    for (int h = 1; h < pairs.length; h *= 2) {
      for (int i = 0; i + h < pairs.length; i += 2 * h) {
        double[] st = twoSum(p, pairs[i][0], pairs[i + h][0]);
        pairs[i] = new double[] {st[0], p.round(p.round(pairs[i][1] + pairs[i + h][1]) + st[1])};
      }
    }
    return pairs[0];
  }

  /** Knuth's TwoSum in the precision: {s, t}. */
  private static double[] twoSum(Arithmetic p, double a, double b) {
    double s = p.round(a + b);
    double bb = p.round(s - a);
    double t = p.round(p.round(a - p.round(s - bb)) + p.round(b - bb));
    return new double[] {s, t};
  }

  /** Rounding to the precision, and then flushing subnormals where {@code flush}. */
  private record Arithmetic(Precision precision, boolean flush) {
    double round(double v) {
      double r = PreluReference.round(precision, v);
      return flush ? Tensors.flushed(precision, r) : r;
    }
  }

  private static double round(Precision p, double v) {
    return p == Precision.FLOAT ? (float) v : v;
  }

  /**
   * The exact sum of each channel's terms, {@code [0][c]}, and the sum of their magnitudes, {@code
   * [1][c]}; the terms must be finite.
   */
  public static BigDecimal[][] exact(Object x, Object dy, int channels, int inner) {
    BigDecimal[][] sums = new BigDecimal[2][channels];
    for (BigDecimal[] s : sums) {
      java.util.Arrays.fill(s, BigDecimal.ZERO);
    }
    for (int i = 0; i < Tensors.length(x); i++) {
      int c = (i / inner) % channels;
      BigDecimal t = new BigDecimal(term(x, dy, i));
      sums[0][c] = sums[0][c].add(t);
      sums[1][c] = sums[1][c].add(t.abs());
    }
    return sums;
  }
}
