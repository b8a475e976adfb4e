package dev.rectifier.choice;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A calibration's outcome, with what it rests on.
 *
 * @param crossover the shortest Java array length sent to the device, or {@link
 *     CalibrationRule#NEVER}
 * @param device the device calibrated, as {@link DeviceInfo#describe()} puts it
 * @param deviceType its type
 * @param date when it was measured
 * @param millis how long measuring took, warm-up included
 * @param samples the lengths measured, longest first
 */
record Verdict(
    int crossover,
    String device,
    DeviceType deviceType,
    Instant date,
    long millis,
    List<Sample> samples) {

  /** Whether auto drops the device: a CPU device that never won. */
  boolean dropsDevice() {
    return crossover == CalibrationRule.NEVER && !deviceType.isAccelerator();
  }

  /** Where Java arrays run, e.g. {@code from 1048576 elements on the device}. */
  String outcome() {
    return crossover == CalibrationRule.NEVER
        ? "on the CPU backend at every length"
        : "from " + crossover + " elements on the device";
  }

  /** The lengths measured with the device's speed-up in each pair. */
  String measured() {
    return samples.stream()
        .map(s -> s.length() + ": " + s.ratios())
        .collect(Collectors.joining("; ", "CPU time / device time at ", ""));
  }
}
