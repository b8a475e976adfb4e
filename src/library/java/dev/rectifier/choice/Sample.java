package dev.rectifier.choice;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The pairs measured at one length, in the order taken.
 *
 * @param length the array length
 * @param cpuNs the CPU backend's time per call, one per pair
 * @param deviceNs the device's time per call, one per pair
 */
record Sample(int length, double[] cpuNs, double[] deviceNs) {
  /** How many times faster the device was in pair {@code i}. */
  double ratio(int i) {
    return cpuNs[i] / deviceNs[i];
  }

  /**
   * Whether all {@value CalibrationRule#REPEATS} pairs were taken and the device won each by the
   * margin.
   */
  boolean won() {
    return cpuNs.length >= CalibrationRule.REPEATS
        && IntStream.range(0, cpuNs.length).allMatch(i -> ratio(i) >= CalibrationRule.MARGIN);
  }

  String ratios() {
    return IntStream.range(0, cpuNs.length)
        .mapToObj(i -> String.format(Locale.ROOT, "%.3f", ratio(i)))
        .collect(Collectors.joining(","));
  }
}
