package dev.rectifier.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rule of the calibration behind the auto choice: which array length (the crossover) the
 * timings support, from which an OpenCL device beats the Java CPU backend on Java arrays.
 *
 * <p>Float Leaky ReLU is timed on both backends in pairs, one call of each back to back (a batch of
 * calls at short lengths), the order alternating from pair to pair, {@value #REPEATS} pairs per
 * length, from the longest length down. A length is won when the device is at least {@value
 * #MARGIN}× faster in every pair; the first pair that falls short ends the calibration. The
 * crossover is the shortest length of the unbroken run of won lengths from the longest down, if
 * that run holds two lengths at least; otherwise the verdict is the CPU backend. So a lucky pair, a
 * lucky length, a win at the longest length alone, or a small win all mean the CPU backend: a wrong
 * verdict for the device sends every long array to a slower backend until it is measured again,
 * while a wrong verdict for the CPU backend only forgoes a speed-up. No new length is started after
 * {@link #BUDGET_NANOS}, so a calibration takes about a second and at most about two.
 */
final class CalibrationRule {
  /** The crossover of a device that never beat the CPU backend. */
  static final int NEVER = Integer.MAX_VALUE;

  /** The lengths calibrated, ×4 apart; measured from the longest down. */
  static final int[] LENGTHS = {1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20, 1 << 22, 1 << 24};

  /** How many times faster than the CPU backend the device must be in each pair. */
  static final double MARGIN = 1.2;

  /** Pairs measured at a length the device wins. */
  static final int REPEATS = 3;

  /** After this long no further length is started. */
  static final long BUDGET_NANOS = 1_500_000_000L;

  /** The rule, in the cache key: a verdict reached by another rule is measured again. */
  static final String RULE =
      "v3: float Leaky ReLU, CPU/device time >= "
          + MARGIN
          + " in each of "
          + REPEATS
          + " alternating pairs, at two lengths or more in a row from the longest";

  private CalibrationRule() {}

  /** The seam the rule is tested through: how long one backend takes at one length. */
  interface Timer {
    /** Nanoseconds per call of float Leaky ReLU on {@code length} elements on one backend. */
    double nanos(boolean onDevice, int length);

    /** The clock the budget is read from, in nanoseconds. */
    default long now() {
      return System.nanoTime();
    }
  }

  /** Pairs at {@code lengths} with {@code timer}, longest first, as the rule says. */
  static List<Sample> measure(int[] lengths, Timer timer) {
    return measure(lengths, timer, BUDGET_NANOS);
  }

  /** As {@link #measure(int[], Timer)}, starting no new length after {@code budgetNanos}. */
  static List<Sample> measure(int[] lengths, Timer timer, long budgetNanos) {
    long start = timer.now();
    List<Sample> samples = new ArrayList<>();
    int pairs = 0;
    for (int k = lengths.length - 1; k >= 0; k--) {
      if (!samples.isEmpty() && timer.now() - start > budgetNanos) {
        break;
      }
      int n = lengths[k];
      double[] cpuNs = new double[REPEATS];
      double[] deviceNs = new double[REPEATS];
      int taken = 0;
      while (taken < REPEATS) {
        if (pairs++ % 2 == 0) {
          cpuNs[taken] = timer.nanos(false, n);
          deviceNs[taken] = timer.nanos(true, n);
        } else {
          deviceNs[taken] = timer.nanos(true, n);
          cpuNs[taken] = timer.nanos(false, n);
        }
        boolean fellShort = cpuNs[taken] / deviceNs[taken] < MARGIN;
        taken++;
        if (fellShort) {
          break; // this length cannot be won any more
        }
      }
      Sample sample = new Sample(n, Arrays.copyOf(cpuNs, taken), Arrays.copyOf(deviceNs, taken));
      samples.add(sample);
      if (!sample.won()) {
        break;
      }
    }
    return samples;
  }

  /**
   * The crossover {@code samples} (longest first) support: the shortest length of the run of won
   * lengths from the longest down, when it holds two lengths at least; else {@link #NEVER}.
   */
  static int crossover(List<Sample> samples) {
    int won = 0;
    while (won < samples.size() && samples.get(won).won()) {
      won++;
    }
    return won >= 2 ? samples.get(won - 1).length() : NEVER;
  }
}
