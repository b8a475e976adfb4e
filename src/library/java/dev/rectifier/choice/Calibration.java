package dev.rectifier.choice;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.Op;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.Request;
import dev.rectifier.cache.CacheFiles;
import dev.rectifier.cache.PrivateFolder;
import dev.rectifier.settings.Setting;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * The calibration behind the auto choice: the array length (the crossover) from which an OpenCL
 * device beats the Java CPU backend on Java arrays, measured on this machine and cached on disk
 * next to the program binaries with what it was measured from.
 *
 * <p>The rule: float Leaky ReLU is timed on both backends in pairs, one call of each back to back
 * (a batch of calls at short lengths), the order alternating from pair to pair, {@value #REPEATS}
 * pairs per length, from the longest length down. A length is won when the device is at least
 * {@value #MARGIN}× faster in every pair; the first pair that falls short ends the calibration. The
 * crossover is the shortest length of the unbroken run of won lengths from the longest down, if
 * that run holds two lengths at least; otherwise the verdict is the CPU backend. So a lucky pair, a
 * lucky length, a win at the longest length alone, or a small win all mean the CPU backend: a wrong
 * verdict for the device sends every long array to a slower backend until it is measured again,
 * while a wrong verdict for the CPU backend only forgoes a speed-up. No new length is started after
 * {@link #BUDGET_NANOS}, so a calibration takes about a second and at most about two.
 *
 * <p>The verdict is cached under a key made of what can be read without loading any OpenCL library:
 * this machine's OpenCL drivers ({@link OpenClDrivers}), the JVM, the core count, the lengths the
 * heap allows, the rectifier version and the rule; a change of any of them measures again. {@code
 * rectifier.recalibrate=true} (or {@code RECTIFIER_RECALIBRATE=true}) measures again once per JVM;
 * {@code rectifier.crossover} (or {@code RECTIFIER_CROSSOVER}) sets the crossover by hand.
 */
final class Calibration {
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

  /** At short lengths a timed sample is a batch of calls over about this many elements. */
  private static final int BATCH_ELEMENTS = 1 << 20;

  private static final int JIT_WARMUP_CALLS = 300;
  private static final int DEVICE_WARMUP_CALLS = 3;
  private static final long LOCK_WAIT_MILLIS = 10_000;
  private static final Logger LOG = System.getLogger("dev.rectifier");

  /** Up to ten digits (at most 9,999,999,999 before the unit), then K, M or no unit. */
  private static final Pattern COUNT = Pattern.compile("([0-9]{1,10})([kKmM]?)");

  /** The cache files measured again in this JVM at the user's request, each once. */
  private static final Set<Path> RECALIBRATED = ConcurrentHashMap.newKeySet();

  private Calibration() {}

  /** The seam the rule is tested through: how long one backend takes at one length. */
  interface Timer {
    /** Nanoseconds per call of float Leaky ReLU on {@code length} elements on one backend. */
    double nanos(boolean onDevice, int length);
  }

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
     * Whether all {@value Calibration#REPEATS} pairs were taken and the device won each by the
     * margin.
     */
    boolean won() {
      return cpuNs.length >= REPEATS
          && IntStream.range(0, cpuNs.length).allMatch(i -> ratio(i) >= MARGIN);
    }

    String ratios() {
      return IntStream.range(0, cpuNs.length)
          .mapToObj(i -> String.format(Locale.ROOT, "%.3f", ratio(i)))
          .collect(Collectors.joining(","));
    }
  }

  /**
   * A calibration's outcome, with what it rests on.
   *
   * @param crossover the shortest Java array length sent to the device, or {@link
   *     Calibration#NEVER}
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
      return crossover == NEVER && !deviceType.isAccelerator();
    }

    /** Where Java arrays run, e.g. {@code from 1048576 elements on the device}. */
    String outcome() {
      return crossover == NEVER
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
      throw Setting.CROSSOVER.rejected(
          value,
          "must be a number of elements from 1 to "
              + Integer.MAX_VALUE
              + ", optionally with K (2^10) or M (2^20), or never");
    }
    return OptionalInt.of((int) elements);
  }

  /**
   * Whether the user asked to measure again: {@code rectifier.recalibrate} is {@code true}.
   *
   * @throws IllegalArgumentException naming the setting if it is neither true, false nor empty
   */
  static boolean recalibrationAsked() {
    String value = Setting.RECALIBRATE.value();
    if (value.isEmpty() || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    throw Setting.RECALIBRATE.rejected(value, "must be true or false");
  }

  /**
   * The verdict cached for the device {@code named} selects (empty for the best device) on this
   * machine's drivers, found without loading any OpenCL library; empty if there is none, or the
   * user asked to measure again and that has not happened yet in this JVM.
   */
  static Optional<Verdict> cached(String named) {
    String identity = identity(named);
    Path file = cacheFile(identity);
    if (recalibrationAsked() && !RECALIBRATED.contains(file)) {
      return Optional.empty();
    }
    return read(file, identity);
  }

  /**
   * The verdict for {@code device}, which {@code named} selected (empty for the best device):
   * cached for this machine's drivers, else measured now and cached.
   */
  static Verdict verdict(Backend cpu, Backend device, String named) {
    String identity = identity(named);
    Path file = cacheFile(identity);
    boolean again = recalibrationAsked() && RECALIBRATED.add(file);
    Optional<Verdict> cached = again ? Optional.empty() : read(file, identity);
    if (cached.isPresent()) {
      return cached.get();
    }
    // One calibration at a time: JVMs starting together wait for the first one's verdict.
    synchronized (Calibration.class) {
      // Locks only in a folder that may hold the cache: PrivateFolder makes it 0700 if missing.
      CacheLock lock =
          PrivateFolder.open(file.getParent(), PURPOSE).isPresent()
              ? CacheLock.beside(file, LOCK_WAIT_MILLIS)
              : new CacheLock(null);
      try {
        cached = again ? Optional.empty() : read(file, identity);
        if (cached.isPresent()) {
          return cached.get();
        }
        Verdict measured = measure(cpu, device);
        write(file, identity, measured);
        return measured;
      } finally {
        lock.close();
      }
    }
  }

  /**
   * Everything that keys a verdict, none of it needing an OpenCL library: the rule, the rectifier
   * version, the JVM, the core count, the lengths the heap allows, the device asked for, and the
   * drivers.
   */
  static String identity(String named) {
    return "rule "
        + RULE
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
   * Measures at each of {@link #LENGTHS} whose two arrays take at most an eighth of the heap (all
   * of them from a heap of a little over 1 GiB up).
   */
  static Verdict measure(Backend cpu, Backend device) {
    long start = System.nanoTime();
    DeviceInfo info = device.device().orElseThrow();
    int[] lengths = affordableLengths();
    List<Sample> samples = List.of();
    if (lengths.length == 0) {
      LOG.log(Level.INFO, "rectifier: heap too small to calibrate; Java arrays stay on the CPU");
    } else {
      float[] x = new float[lengths[lengths.length - 1]];
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextDouble() - 0.5);
      }
      samples = measure(lengths, new BackendTimer(cpu, device, x, new float[x.length]));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Verdict verdict =
        new Verdict(
            crossover(samples),
            info.describe(),
            info.type(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            millis,
            samples);
    LOG.log(
        Level.INFO,
        "rectifier: calibrated {0} in {1} ms: Java arrays run {2} ({3})",
        verdict.device(),
        millis,
        verdict.outcome(),
        verdict.measured());
    return verdict;
  }

  /** Those of {@link #LENGTHS} whose two float arrays take at most an eighth of the heap. */
  private static int[] affordableLengths() {
    long affordable = Runtime.getRuntime().maxMemory() / 8 / (2L * Float.BYTES);
    return Arrays.stream(LENGTHS).filter(n -> n <= affordable).toArray();
  }

  /** Pairs at {@code lengths} with {@code timer}, longest first, as the rule says. */
  static List<Sample> measure(int[] lengths, Timer timer) {
    return measure(lengths, timer, BUDGET_NANOS);
  }

  /** As {@link #measure(int[], Timer)}, starting no new length after {@code budgetNanos}. */
  static List<Sample> measure(int[] lengths, Timer timer, long budgetNanos) {
    long start = System.nanoTime();
    List<Sample> samples = new ArrayList<>();
    int pairs = 0;
    for (int k = lengths.length - 1; k >= 0; k--) {
      if (!samples.isEmpty() && System.nanoTime() - start > budgetNanos) {
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

  /** Times the real backends: one untimed call per backend and length first, then batches. */
  private static final class BackendTimer implements Timer {
    private final Backend cpu;
    private final Backend device;
    private final float[] x;
    private final float[] y;
    private final Set<Integer> warm = new HashSet<>();

    /** Runs both backends until HotSpot has compiled the CPU loops, so that they are timed fast. */
    BackendTimer(Backend cpu, Backend device, float[] x, float[] y) {
      this.cpu = cpu;
      this.device = device;
      this.x = x;
      this.y = y;
      Request r = leakyRelu(x, y, Math.min(1 << 16, x.length));
      for (int i = 0; i < JIT_WARMUP_CALLS; i++) {
        cpu.run(r);
      }
      for (int i = 0; i < DEVICE_WARMUP_CALLS; i++) {
        device.run(r);
      }
    }

    @Override
    public double nanos(boolean onDevice, int length) {
      Backend backend = onDevice ? device : cpu;
      Request r = leakyRelu(x, y, length);
      if (warm.add(onDevice ? -length : length)) {
        backend.run(r);
      }
      int calls = Math.max(1, BATCH_ELEMENTS / length);
      long t = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        backend.run(r);
      }
      return (double) (System.nanoTime() - t) / calls;
    }
  }

  /** The one request the calibration makes: float Leaky ReLU on the first {@code n} elements. */
  private static Request leakyRelu(float[] x, float[] y, int n) {
    return new FloatRequest(Op.LEAKY_RELU, x, 0, null, 0, y, 0, n, 0.01f);
  }

  /** What the cache folder holds, for the log when it cannot be used. */
  private static final String PURPOSE = "cached calibrations";

  /** The largest verdict file read: far above any real one. */
  private static final long MAX_FILE_BYTES = 1 << 20;

  /**
   * The verdict cached in {@code file} for {@code identity}, if it can be read and is for it, and
   * its folder and it belong to this user alone (anyone else could forge it: see {@link
   * PrivateFolder}).
   */
  static Optional<Verdict> read(Path file, String identity) {
    Optional<PrivateFolder> folder = PrivateFolder.open(file.getParent(), PURPOSE);
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try {
      Optional<byte[]> bytes = folder.get().read(file.getFileName().toString(), MAX_FILE_BYTES);
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      p.load(new StringReader(new String(bytes.get(), StandardCharsets.UTF_8)));
      if (!identity.equals(p.getProperty("identity"))) {
        LOG.log(Level.INFO, "rectifier: ignoring calibration {0}, made for another machine", file);
        return Optional.empty();
      }
      String crossover = p.getProperty("crossover");
      List<Sample> samples = new ArrayList<>();
      for (String length : p.getProperty("lengths").split(",", -1)) {
        if (!length.isEmpty()) {
          samples.add(
              new Sample(
                  Integer.parseInt(length),
                  numbers(p.getProperty("cpuNs." + length)),
                  numbers(p.getProperty("deviceNs." + length))));
        }
      }
      return Optional.of(
          new Verdict(
              crossover.equals("never") ? NEVER : Integer.parseInt(crossover),
              p.getProperty("device"),
              DeviceType.valueOf(p.getProperty("deviceType")),
              Instant.parse(p.getProperty("date")),
              Long.parseLong(p.getProperty("millis")),
              List.copyOf(samples)));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.INFO, "rectifier: ignoring unreadable calibration {0}: {1}", file, e);
      return Optional.empty();
    }
  }

  /**
   * Caches {@code verdict} for {@code identity} in {@code file}, if its folder belongs to this user
   * alone; failures are only logged.
   */
  static void write(Path file, String identity, Verdict verdict) {
    StringBuilder text = new StringBuilder();
    text.append("# rectifier: the auto choice's calibration; Java arrays of at least crossover")
        .append(" elements run on the device\n");
    entry(text, "verdict", "Java arrays run " + verdict.outcome());
    entry(
        text,
        "crossover",
        verdict.crossover() == NEVER ? "never" : Integer.toString(verdict.crossover()));
    entry(text, "device", verdict.device());
    entry(text, "deviceType", verdict.deviceType().name());
    entry(text, "date", verdict.date().toString());
    entry(text, "millis", Long.toString(verdict.millis()));
    entry(text, "rule", RULE);
    entry(
        text,
        "lengths",
        verdict.samples().stream()
            .map(s -> Integer.toString(s.length()))
            .collect(Collectors.joining(",")));
    for (Sample s : verdict.samples()) {
      entry(text, "ratios." + s.length(), s.ratios());
      entry(text, "cpuNs." + s.length(), numbers(s.cpuNs()));
      entry(text, "deviceNs." + s.length(), numbers(s.deviceNs()));
    }
    entry(text, "identity", identity);
    Optional<PrivateFolder> folder = PrivateFolder.open(file.getParent(), PURPOSE);
    if (folder.isEmpty()) {
      return;
    }
    try {
      // Atomically: readers find the old file or the new one.
      folder
          .get()
          .write(file.getFileName().toString(), text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.INFO, "rectifier: cannot cache calibration in {0}: {1}", file, e);
    }
  }

  /** Appends {@code key=value} as {@link Properties#load} reads it back. */
  private static void entry(StringBuilder text, String key, String value) {
    Properties one = new Properties();
    one.setProperty(key, value);
    StringWriter out = new StringWriter();
    try {
      one.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    out.toString()
        .lines()
        .filter(l -> !l.startsWith("#"))
        .forEach(l -> text.append(l).append('\n'));
  }

  private static String numbers(double[] values) {
    return DoubleStream.of(values)
        .mapToObj(v -> String.format(Locale.ROOT, "%.0f", v))
        .collect(Collectors.joining(","));
  }

  private static double[] numbers(String list) {
    return Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  /**
   * An advisory lock on a file beside a cache file, held across JVMs until closed, so that JVMs
   * starting together calibrate one at a time (the later ones then find the verdict). When none can
   * be had in time, or the file system has no locks, it holds nothing and the caller goes ahead.
   */
  private static final class CacheLock {
    private final FileChannel channel;

    private CacheLock(FileChannel channel) {
      this.channel = channel;
    }

    static CacheLock beside(Path file, long waitMillis) {
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      FileChannel channel = null;
      try {
        channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (channel.tryLock() == null) {
          if (System.nanoTime() > deadline) {
            LOG.log(Level.INFO, "rectifier: {0} stayed locked; calibrating anyway", lockFile);
            channel.close();
            return new CacheLock(null);
          }
          Thread.sleep(20);
        }
        return new CacheLock(channel);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.INFO, "rectifier: cannot lock {0}, calibrating anyway: {1}", lockFile, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closeQuietly(channel);
      return new CacheLock(null);
    }

    void close() {
      closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
      if (channel != null) {
        try {
          channel.close(); // releases the lock
        } catch (IOException e) {
          LOG.log(Level.INFO, "rectifier: cannot release a calibration lock: {0}", e);
        }
      }
    }
  }
}
