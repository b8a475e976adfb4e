package dev.rectifier.choice;

import dev.rectifier.DeviceInfo;
import dev.rectifier.backend.Backend;
import dev.rectifier.cache.PrivateFolder;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calibration behind the auto choice: the array length (the crossover) from which an OpenCL
 * device beats the Java CPU backend on Java arrays, measured on this machine by {@link
 * CalibrationRule} with a {@link BackendTimer}, and cached on disk next to the program binaries
 * ({@link VerdictFile}) under a key of what it was measured from ({@link VerdictKey}), one JVM at a
 * time ({@link CacheLock}). The settings it obeys are read by {@link CalibrationSettings}.
 */
final class Calibration {
  private static final long LOCK_WAIT_MILLIS = 10_000;
  private static final Logger LOG = System.getLogger("dev.rectifier");

  /** The cache files measured again in this JVM at the user's request, each once. */
  private static final Set<Path> RECALIBRATED = ConcurrentHashMap.newKeySet();

  private Calibration() {}

  /**
   * The verdict cached for the device {@code named} selects (empty for the best device) on this
   * machine's drivers, found without loading any OpenCL library; empty if there is none, or the
   * user asked to measure again and that has not happened yet in this JVM.
   */
  static Optional<Verdict> cached(String named) {
    String identity = VerdictKey.identity(named);
    Path file = VerdictKey.cacheFile(identity);
    if (CalibrationSettings.recalibrationAsked() && !RECALIBRATED.contains(file)) {
      return Optional.empty();
    }
    return VerdictFile.read(file, identity);
  }

  /**
   * The verdict for {@code device}, which {@code named} selected (empty for the best device):
   * cached for this machine's drivers, else measured now and cached.
   */
  static Verdict verdict(Backend cpu, Backend device, String named) {
    String identity = VerdictKey.identity(named);
    Path file = VerdictKey.cacheFile(identity);
    boolean again = CalibrationSettings.recalibrationAsked() && RECALIBRATED.add(file);
    Optional<Verdict> cached = again ? Optional.empty() : VerdictFile.read(file, identity);
    if (cached.isPresent()) {
      return cached.get();
    }
    // One calibration at a time: JVMs starting together wait for the first one's verdict.
    synchronized (Calibration.class) {
      // Locks only in a folder that may hold the cache: PrivateFolder makes it 0700 if missing.
      CacheLock lock =
          PrivateFolder.open(file.getParent(), VerdictFile.PURPOSE).isPresent()
              ? CacheLock.beside(file, LOCK_WAIT_MILLIS)
              : new CacheLock(null);
      try {
        cached = again ? Optional.empty() : VerdictFile.read(file, identity);
        if (cached.isPresent()) {
          return cached.get();
        }
        Verdict measured = measure(cpu, device);
        VerdictFile.write(file, identity, measured);
        return measured;
      } finally {
        lock.close();
      }
    }
  }

  /**
   * The timer {@link #measure(Backend, Backend)} uses instead of timing the backends; null but in
   * tests, which script a device that wins or loses so that each verdict is reached on any machine.
   */
  static volatile CalibrationRule.Timer scripted;

  /**
   * Measures at each of {@link CalibrationRule#LENGTHS} whose two arrays take at most an eighth of
   * the heap (all of them from a heap of a little over 1 GiB up).
   */
  static Verdict measure(Backend cpu, Backend device) {
    long start = System.nanoTime();
    DeviceInfo info = device.device().orElseThrow();
    int[] lengths = VerdictKey.affordableLengths();
    List<Sample> samples = List.of();
    CalibrationRule.Timer script = scripted;
    if (lengths.length == 0) {
      LOG.log(Level.INFO, "rectifier: heap too small to calibrate; Java arrays stay on the CPU");
    } else if (script != null) {
      samples = CalibrationRule.measure(lengths, script);
    } else {
      float[] x = new float[lengths[lengths.length - 1]];
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextDouble() - 0.5);
      }
      samples =
          CalibrationRule.measure(lengths, new BackendTimer(cpu, device, x, new float[x.length]));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Verdict verdict =
        new Verdict(
            CalibrationRule.crossover(samples),
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
}
