package dev.rectifier;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rectifier.verify.Comparison;
import dev.rectifier.verify.Tensors;
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
    Comparison c = Comparison.of(expected, alsoAccepted, actual, from, to, inputs, SHOWN);
    if (!c.passed()) {
      fail(
          what
              + ": "
              + c.mismatches()
              + " of "
              + c.compared()
              + " elements differ; first:\n  "
              + String.join("\n  ", c.first()));
    }
  }

  /** Asserts that {@code actual} equals {@code before} outside {@code [from, to)}. */
  static void assertUntouchedOutside(String what, Object before, Object actual, int from, int to) {
    int n = Tensors.length(before);
    assertSameBits(what + " (before the range)", before, null, actual, 0, from, i -> "canary");
    assertSameBits(what + " (after the range)", before, null, actual, to, n, i -> "canary");
  }
}
