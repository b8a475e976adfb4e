package dev.rectifier.measure;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Times a call: untimed warm-up calls, for a number of calls and a least a duration (so that the
 * JIT compiles what the call runs), then repeated timed ones, on the host clock or by a clock the
 * call reads itself (the device's).
 */
public final class Stopwatch {
  private final int warmup;
  private final long warmupNanos;
  private final int repeats;

  /**
   * @param warmup untimed calls first, 0 or more
   * @param warmupTime how long to keep making untimed calls, at least
   * @param repeats timed calls, 1 or more
   */
  public Stopwatch(int warmup, Duration warmupTime, int repeats) {
    this.warmup = warmup;
    this.warmupNanos = warmupTime.toNanos();
    this.repeats = repeats;
  }

  /** The wall time of each timed call of {@code call}, by {@link System#nanoTime()}. */
  public Timing time(Runnable call) {
    return timeBy(
            () -> {
              long start = System.nanoTime();
              call.run();
              return OptionalLong.of(System.nanoTime() - start);
            })
        .orElseThrow();
  }

  /**
   * The nanoseconds each timed call of {@code call} returns, e.g. {@link
   * dev.rectifier.Rectifier#timeKernel}; empty if the first call returns nothing (no clock).
   */
  public Optional<Timing> timeBy(Supplier<OptionalLong> call) {
    long start = System.nanoTime();
    for (int i = 0; i < warmup || System.nanoTime() - start < warmupNanos; i++) {
      if (call.get().isEmpty()) {
        return Optional.empty();
      }
    }
    DescriptiveStatistics nanos = new DescriptiveStatistics();
    for (int i = 0; i < repeats; i++) {
      OptionalLong ns = call.get();
      if (ns.isEmpty()) {
        return Optional.empty();
      }
      nanos.addValue(ns.getAsLong());
    }
    return Optional.of(Timing.of(nanos));
  }
}
