package dev.rectifier.choice;

import dev.rectifier.cache.CacheFiles;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a cached verdict is keyed by, all of it read without loading any OpenCL library: this
 * machine's OpenCL drivers ({@link OpenClDrivers}), the JVM, the core count, the lengths the heap
 * allows, the rectifier version and the rule; a change of any of them measures again.
 */
final class VerdictKey {
  private VerdictKey() {}

  /**
   * Everything that keys a verdict, none of it needing an OpenCL library: the rule, the rectifier
   * version, the JVM, the core count, the lengths the heap allows, the device asked for, and the
   * drivers.
   */
  static String identity(String named) {
    return "rule "
        + CalibrationRule.RULE
        + "\nrectifier "
        + CacheFiles.rectifierVersion()
        + "\njava.version "
        + System.getProperty("java.version")
        + "\njava.vm.name "
        + System.getProperty("java.vm.name")
        + "\ncores "
        + Runtime.getRuntime().availableProcessors()
        + "\nlengths "
        + Arrays.toString(affordableLengths())
        + "\ndevice "
        + (named.isEmpty() ? "(the best)" : "'" + named + "'")
        + "\n"
        + OpenClDrivers.describe();
  }

  /** Where the verdict for {@code identity} is cached. */
  static Path cacheFile(String identity) {
    return CacheFiles.named("crossover-", identity, ".properties");
  }

  /**
   * Those of {@link CalibrationRule#LENGTHS} whose two float arrays take at most an eighth of the
   * heap.
   */
  static int[] affordableLengths() {
    long affordable = Runtime.getRuntime().maxMemory() / 8 / (2L * Float.BYTES);
    return Arrays.stream(CalibrationRule.LENGTHS).filter(n -> n <= affordable).toArray();
  }
}
