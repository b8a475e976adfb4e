package dev.rectifier.half;

import static dev.rectifier.half.AllFloats.hex;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rectifier.Precision;
import dev.rectifier.half.Reference16.Format;
import dev.rectifier.verify.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Results of 16-bit ops compared with {@link Reference16}'s as the contract compares them: the same
 * bits, or for a NaN any quiet NaN of the format; a failure names the first mismatches.
 */
final class Assert16 {
  private static final int SHOWN = 10;

  private Assert16() {}

  /** The reference's format for a 16-bit precision. */
  static Format format(Precision p) {
    return switch (p) {
      case HALF -> Format.HALF;
      case BFLOAT16 -> Format.BFLOAT16;
      default -> throw new IllegalArgumentException("not 16-bit: " + p);
    };
  }

  /**
   * Asserts that elements {@code [from, to)} of {@code actual} match {@code expected}, or {@code
   * alsoAccepted} where that is not null (what a device that flushes subnormals may give).
   *
   * @param inputs describes the inputs of element {@code i}
   */
  static void assertMatches(
      String what,
      Format f,
      short[] expected,
      short[] alsoAccepted,
      short[] actual,
      int from,
      int to,
      IntFunction<String> inputs) {
    List<String> first = new ArrayList<>();
    int mismatches = 0;
    for (int i = from; i < to; i++) {
      boolean right =
          f.matches(expected[i], actual[i])
              || (alsoAccepted != null && f.matches(alsoAccepted[i], actual[i]));
      if (!right) {
        if (mismatches++ < SHOWN) {
          first.add(
              "["
                  + i
                  + "] "
                  + inputs.apply(i)
                  + ": expected "
                  + hex(expected[i])
                  + (f.isNaN(expected[i]) ? " (any quiet NaN)" : "")
                  + ", was "
                  + hex(actual[i]));
        }
      }
    }
    if (mismatches > 0) {
      fail(
          what
              + ": "
              + mismatches
              + " of "
              + (to - from)
              + " elements differ; first:\n  "
              + String.join("\n  ", first));
    }
  }

  /** The same over the whole arrays. */
  static void assertMatches(
      String what,
      Format f,
      short[] expected,
      short[] alsoAccepted,
      short[] actual,
      IntFunction<String> inputs) {
    assertMatches(what, f, expected, alsoAccepted, actual, 0, expected.length, inputs);
  }

  /** Asserts that {@code actual} is {@code expected} (or {@code alsoAccepted}): PReLU's dw. */
  static void assertDweight(String what, float[] expected, float[] alsoAccepted, float[] actual) {
    Comparison c =
        Comparison.of(
            expected, alsoAccepted, actual, 0, expected.length, i -> "channel " + i, SHOWN);
    if (!c.passed()) {
      fail(
          what
              + " dw: "
              + c.mismatches()
              + " channels differ:\n  "
              + String.join("\n  ", c.first()));
    }
  }

  /** Asserts that {@code actual} equals {@code before} outside {@code [from, to)}. */
  static void assertUntouchedOutside(
      String what, short[] before, short[] actual, int from, int to) {
    for (int i = 0; i < before.length; i++) {
      if ((i < from || i >= to) && before[i] != actual[i]) {
        fail(what + ": element " + i + " outside [" + from + ", " + to + ") was written");
      }
    }
  }

  /** Element {@code i} of {@code bits} as value and bits, e.g. {@code -0.0 [0x8000]}. */
  static String show(Format f, short[] bits, int i) {
    return f.widen(bits[i]) + " [" + hex(bits[i]) + "]";
  }
}
