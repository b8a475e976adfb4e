package dev.rectifier.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a {@link Panel}: the span it shows, its scale, and its ticks at round numbers (or at
 * given values), each with its label.
 *
 * @param title what it measures
 * @param log whether it is logarithmic (then {@code low > 0})
 * @param low the smallest value shown
 * @param high the largest value shown
 * @param ticks where its ticks go, from low to high
 */
record Axis(String title, boolean log, double low, double high, List<Tick> ticks) {
  /** A tick at a value, and what it reads. */
  record Tick(double value, String label) {}

  Axis {
    ticks = List.copyOf(ticks);
  }

  /**
   * A linear axis from {@code low} to {@code high} with about {@code count} ticks at multiples of
   * 1, 2 or 5 times a power of ten, so 0 is one of them whenever the span holds 0. With {@code
   * roundOut} the span grows to the ticks just outside it (unless that overflows a double).
   */
  static Axis linear(String title, double low, double high, int count, boolean roundOut) {
    if (low == high) {
      double pad = low == 0 ? 1 : Math.abs(low) / 2;
      low -= pad;
      high += pad;
    }
    BigDecimal step = roundStep((high / 2 - low / 2) * 2 / count);
    double s = step.doubleValue();
    if (roundOut) {
      low = finiteOr(Math.floor(low / s) * s, low);
      high = finiteOr(Math.ceil(high / s) * s, high);
    }
    List<Tick> ticks = new ArrayList<>();
    for (long k = (long) Math.ceil(low / s); k <= (long) Math.floor(high / s); k++) {
      BigDecimal value = step.multiply(BigDecimal.valueOf(k));
      ticks.add(new Tick(value.doubleValue(), label(value)));
    }
    return new Axis(title, false, low, high, ticks);
  }

  /**
   * A logarithmic axis over whole powers of ten holding {@code low} to {@code high} (both above 0),
   * with a tick at each power, and at 2 and 5 times each too when it spans under three powers.
   */
  static Axis log(String title, double low, double high) {
    int from = (int) Math.floor(Math.log10(low));
    int to = Math.max(from + 1, (int) Math.ceil(Math.log10(high)));
    int[] multiples = to - from < 3 ? new int[] {1, 2, 5} : new int[] {1};
    List<Tick> ticks = new ArrayList<>();
    for (int e = from; e <= to; e++) {
      for (int m : multiples) {
        BigDecimal value = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
        if (e < to || m == 1) {
          ticks.add(new Tick(value.doubleValue(), label(value)));
        }
      }
    }
    return new Axis(title, true, Math.pow(10, from), Math.pow(10, to), ticks);
  }

  /** A logarithmic axis with a tick at each of {@code sizes} (at least one), labelled 64K, 1M. */
  static Axis sizes(String title, List<Integer> sizes) {
    int min = sizes.stream().mapToInt(Integer::intValue).min().orElseThrow();
    int max = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    List<Tick> ticks =
        sizes.stream().distinct().sorted().map(n -> new Tick(n, Sizes.format(n))).toList();
    return min == max
        ? new Axis(title, true, min / 2.0, max * 2.0, ticks)
        : new Axis(title, true, min, max, ticks);
  }

  /** Where {@code value} lies on this axis: 0 at {@link #low}, 1 at {@link #high}. */
  double fraction(double value) {
    double from = scaled(low);
    return (scaled(value) / 2 - from / 2) / (scaled(high) / 2 - from / 2);
  }

  private double scaled(double value) {
    return log ? Math.log10(value) : value;
  }

  /** The multiple of 1, 2 or 5 times a power of ten nearest above {@code rough}. */
  private static BigDecimal roundStep(double rough) {
    int exponent = (int) Math.floor(Math.log10(rough));
    double mantissa = rough / Math.pow(10, exponent);
    int m = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
    return BigDecimal.valueOf(m).scaleByPowerOfTen(exponent);
  }

  /** {@code value} as people write it: 0.0005, 250, 1e-9, -1.5e300. */
  private static String label(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    if (v.signum() == 0) {
      return "0";
    }
    int exponent = v.precision() - v.scale() - 1;
    return Math.abs(exponent) <= 5
        ? v.toPlainString()
        : v.toString().replace("E+", "e").replace("E", "e");
  }

  private static double finiteOr(double value, double fallback) {
    return Double.isFinite(value) ? value : fallback;
  }
}
