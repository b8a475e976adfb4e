package dev.rectifier;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.IntFunction;

/** Bit-exact comparison of results, with a failure message that names the first mismatches. */
final class BitAssert {
  private static final int SHOWN = 10;

  private BitAssert() {}

  /**
   * Asserts that elements {@code [from, to)} of {@code actual} match {@code expected} bit for bit
   * (any NaN matches any NaN), or match {@code alsoAccepted} where that is not null (the flushing
   * reference of a device without denormals).
   *
   * @param inputs describes the inputs that produced element {@code i}
   */
  static void assertSameBits(
      String what,
      Object expected,
      Object alsoAccepted,
      Object actual,
      int from,
      int to,
      IntFunction<String> inputs) {
    if (Tensors.sameBits(expected, actual, from, to)) {
      return;
    }
    StringBuilder report = new StringBuilder();
    int mismatches = 0;
    for (int i = from; i < to; i++) {
      boolean ok =
          Tensors.sameBits(expected, i, actual, i)
              || (alsoAccepted != null && Tensors.sameBits(alsoAccepted, i, actual, i));
      if (!ok && mismatches++ < SHOWN) {
        report.append(
            String.format(
                "%n  [%d] %s: expected %s, got %s",
                i, inputs.apply(i), Tensors.show(expected, i), Tensors.show(actual, i)));
      }
    }
    if (mismatches > 0) {
      fail(what + ": " + mismatches + " of " + (to - from) + " elements differ; first:" + report);
    }
  }

  /** Asserts that {@code actual} equals {@code before} outside {@code [from, to)}. */
  static void assertUntouchedOutside(String what, Object before, Object actual, int from, int to) {
    int n = Tensors.length(before);
    assertSameBits(what + " (before the range)", before, null, actual, 0, from, i -> "canary");
    assertSameBits(what + " (after the range)", before, null, actual, to, n, i -> "canary");
  }
}
