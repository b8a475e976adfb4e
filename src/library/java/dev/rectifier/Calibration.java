package dev.rectifier;

import dev.rectifier.backend.Backend;
import dev.rectifier.backend.Request;
import dev.rectifier.opencl.CacheFiles;
import dev.rectifier.settings.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calibration behind the auto choice: the array length (the crossover) from which an OpenCL
 * device beats the Java CPU backend on Java arrays, measured on this machine in about a second and
 * cached on disk next to the program binaries, so each machine calibrates once. {@code
 * rectifier.crossover} (or {@code RECTIFIER_CROSSOVER}) sets it by hand: a number of elements, or
 * {@code never}.
 */
final class Calibration {
  /** The crossover of a device that never beat the CPU backend. */
  static final int NEVER = Integer.MAX_VALUE;

  /** The lengths calibrated, ×4 apart. */
  static final int[] LENGTHS = {1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20, 1 << 22, 1 << 24};

  /** The longest length calibrated. */
  static final int LONGEST = LENGTHS[LENGTHS.length - 1];

  private static final int WARMUP = 3;
  private static final int WARMUP_CALLS = 300;
  private static final int RUNS = 7;
  private static final Logger LOG = System.getLogger("dev.rectifier");

  /** Up to ten digits (at most 9,999,999,999 before the unit), then K, M or no unit. */
  private static final Pattern COUNT = Pattern.compile("([0-9]{1,10})([kKmM]?)");

  private Calibration() {}

  /**
   * The crossover between {@code cpu} and {@code device}: set by hand, cached, or measured now.
   *
   * @throws IllegalArgumentException if {@code rectifier.crossover} is neither a number nor never
   */
  static int crossover(Backend cpu, Backend device) {
    OptionalInt set = fromSetting();
    if (set.isPresent()) {
      return set.getAsInt();
    }
    Path file = cacheFile(device.device().orElseThrow());
    OptionalInt cached = read(file);
    if (cached.isPresent()) {
      return cached.getAsInt();
    }
    int measured = measure(cpu, device);
    write(file, measured);
    return measured;
  }

  /**
   * The crossover set by hand: a count of elements with an optional K (2^10) or M (2^20), as the
   * command line's sizes are written, or {@code never}; empty when unset.
   *
   * @throws IllegalArgumentException naming the setting if it is anything else, or out of range
   */
  static OptionalInt fromSetting() {
    String value = Setting.CROSSOVER.value();
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    if (value.equalsIgnoreCase("never")) {
      return OptionalInt.of(NEVER);
    }
    Matcher count = COUNT.matcher(value);
    long elements = 0;
    if (count.matches()) {
      int unitShift = count.group(2).isEmpty() ? 0 : count.group(2).equalsIgnoreCase("K") ? 10 : 20;
      elements = Long.parseLong(count.group(1)) << unitShift;
    }
    if (elements < 1 || elements > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          Setting.CROSSOVER.property()
              + " (or "
              + Setting.CROSSOVER.variable()
              + ") must be a number of elements from 1 to "
              + Integer.MAX_VALUE
              + ", optionally with K (2^10) or M (2^20), or never, was '"
              + value
              + "'");
    }
    return OptionalInt.of((int) elements);
  }

  /**
   * Times float Leaky ReLU on both backends at each of {@link #LENGTHS} whose two arrays take at
   * most an eighth of the heap (all of them from a 1 GiB heap up).
   */
  static int measure(Backend cpu, Backend device) {
    long start = System.nanoTime();
    long affordable = Runtime.getRuntime().maxMemory() / 8 / (2L * Float.BYTES);
    int[] lengths = Arrays.stream(LENGTHS).filter(n -> n <= affordable).toArray();
    if (lengths.length == 0) {
      LOG.log(Level.INFO, "rectifier: heap too small to calibrate; Java arrays stay on the CPU");
      return NEVER;
    }
    float[] x = new float[lengths[lengths.length - 1]];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() - 0.5);
    }
    float[] y = new float[x.length];
    warmUp(cpu, device, x, y);
    double[] cpuNs = new double[lengths.length];
    double[] deviceNs = new double[lengths.length];
    for (int k = 0; k < lengths.length; k++) {
      Request r = new Request(Op.LEAKY_RELU, x, 0, null, 0, y, 0, lengths[k], 0.01);
      cpuNs[k] = medianNanos(cpu, r);
      deviceNs[k] = medianNanos(device, r);
    }
    int crossover = fromTimings(lengths, cpuNs, deviceNs);
    LOG.log(
        Level.INFO,
        "rectifier: calibrated in {0} ms: {1} is faster than the CPU backend on Java arrays {2}"
            + " (CPU ns {3}, device ns {4} at {5})",
        (System.nanoTime() - start) / 1_000_000,
        device.describe(),
        crossover == NEVER ? "at no length" : "from " + crossover + " elements",
        Arrays.toString(cpuNs),
        Arrays.toString(deviceNs),
        Arrays.toString(lengths));
    return crossover;
  }

  /**
   * The smallest length at which the device was faster, and stayed faster at every longer one;
   * {@link #NEVER} if it lost at the longest.
   */
  static int fromTimings(int[] lengths, double[] cpuNs, double[] deviceNs) {
    int crossover = NEVER;
    for (int k = lengths.length - 1; k >= 0 && deviceNs[k] < cpuNs[k]; k--) {
      crossover = lengths[k];
    }
    return crossover;
  }

  /** Runs both backends until HotSpot has compiled the CPU loops, so that they are timed fast. */
  private static void warmUp(Backend cpu, Backend device, float[] x, float[] y) {
    Request r = new Request(Op.LEAKY_RELU, x, 0, null, 0, y, 0, Math.min(1 << 16, x.length), 0.01);
    for (int i = 0; i < WARMUP_CALLS; i++) {
      cpu.run(r);
    }
    for (int i = 0; i < WARMUP; i++) {
      device.run(r);
    }
  }

  private static double medianNanos(Backend backend, Request r) {
    for (int i = 0; i < WARMUP; i++) {
      backend.run(r);
    }
    double[] ns = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t = System.nanoTime();
      backend.run(r);
      ns[i] = System.nanoTime() - t;
    }
    Arrays.sort(ns);
    return ns[RUNS / 2];
  }

  /**
   * Where the crossover for {@code device} is cached. The version in the key goes up whenever
   * either backend's speed changes (v2: CPU devices share host buffers in place), so an older
   * measurement is redone.
   */
  private static Path cacheFile(DeviceInfo device) {
    return CacheFiles.forDevice(
        "crossover-",
        "crossover v2 " + Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"),
        device,
        ".properties");
  }

  private static OptionalInt read(Path file) {
    if (!Files.isRegularFile(file)) {
      return OptionalInt.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
      return OptionalInt.of(Integer.parseInt(p.getProperty("crossover")));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.INFO, "rectifier: ignoring unreadable calibration {0}: {1}", file, e);
      return OptionalInt.empty();
    }
  }

  private static void write(Path file, int crossover) {
    Properties p = new Properties();
    p.setProperty("crossover", Integer.toString(crossover));
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        p.store(out, "rectifier: Java arrays of at least this many elements run on the device");
      }
    } catch (IOException e) {
      LOG.log(Level.INFO, "rectifier: cannot cache calibration in {0}: {1}", file, e);
    }
  }
}
