package dev.rectifier.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Elements of an actual result compared with the expected one as the contract compares them (bit
 * for bit, any NaN equal to any NaN), or with an also-accepted result where there is one (the
 * flushing reference of a device without denormals).
 *
 * @param compared how many elements were compared
 * @param mismatches how many differ from both the expected and the also-accepted result
 * @param first descriptions of the first mismatches, at most as many as asked for
 */
public record Comparison(int compared, int mismatches, List<String> first) {

  /**
   * Compares elements {@code [from, to)}.
   *
   * @param alsoAccepted another acceptable result, or null
   * @param inputs describes the inputs that produced element {@code i}, for the mismatch lines
   * @param shown how many mismatches to describe
   */
  public static Comparison of(
      Object expected,
      Object alsoAccepted,
      Object actual,
      int from,
      int to,
      IntFunction<String> inputs,
      int shown) {
    if (Tensors.sameBits(expected, actual, from, to)) {
      return new Comparison(to - from, 0, List.of());
    }
    List<String> first = new ArrayList<>();
    int mismatches = 0;
    for (int i = from; i < to; i++) {
      boolean ok =
          Tensors.sameBits(expected, i, actual, i)
              || (alsoAccepted != null && Tensors.sameBits(alsoAccepted, i, actual, i));
      if (!ok && mismatches++ < shown) {
        first.add(
            String.format(
                "[%d] %s: expected %s, got %s",
                i, inputs.apply(i), Tensors.show(expected, i), Tensors.show(actual, i)));
      }
    }
    return new Comparison(to - from, mismatches, List.copyOf(first));
  }

  /** Whether every element matched. */
  public boolean passed() {
    return mismatches == 0;
  }
}
