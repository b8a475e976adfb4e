package dev.rectifier.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
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
  private final LongSupplier clock;

  /**
   * @param warmup untimed calls first, 0 or more
   * @param warmupTime how long to keep making untimed calls, at least
   * @param repeats timed calls, 1 or more
   */
  public Stopwatch(int warmup, Duration warmupTime, int repeats) {
    this(warmup, warmupTime, repeats, System::nanoTime);
  }

  /** As the public constructor, on {@code clock} (nanoseconds) instead of the host's. */
  Stopwatch(int warmup, Duration warmupTime, int repeats, LongSupplier clock) {
    this.warmup = warmup;
    this.warmupNanos = warmupTime.toNanos();
    this.repeats = repeats;
    this.clock = clock;
  }

  /** The wall time of each timed call of {@code call}, by this stopwatch's clock. */
  public Timing time(Runnable call) {
    return timeBy(() -> OptionalLong.of(nanos(call))).orElseThrow();
  }

  /**
   * The wall time of each timed call of each of {@code calls}, a {@link Timing} each in the same
   * order, taken in turns so that no call gains or loses by its place: each round makes every call
   * once, starting one further along each time (a, b, c; b, c, a; c, a, b; ...), so that what runs
   * first in a round (after a pause, a GC, another call's cache footprint) falls to each in turn.
   * The warm-up goes in such rounds too, until every call has made the warm-up calls and spent the
   * warm-up time in calls of its own; the timed rounds then start over from the first call.
   */
  public List<Timing> timeInterleaved(List<Runnable> calls) {
    int n = calls.size();
    long[] warmedNanos = new long[n];
    for (int round = 0; round < warmup || !allWarm(warmedNanos); round++) {
      for (int k = 0; k < n; k++) {
        int j = (round + k) % n;
        if (round < warmup || warmedNanos[j] < warmupNanos) {
          warmedNanos[j] += nanos(calls.get(j));
        }
      }
    }
    List<DescriptiveStatistics> nanos = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      nanos.add(new DescriptiveStatistics());
    }
    for (int round = 0; round < repeats; round++) {
      for (int k = 0; k < n; k++) {
        int j = (round + k) % n;
        nanos.get(j).addValue(nanos(calls.get(j)));
      }
    }
    return nanos.stream().map(Timing::of).toList();
  }

  private boolean allWarm(long[] warmedNanos) {
    return Arrays.stream(warmedNanos).allMatch(spent -> spent >= warmupNanos);
  }

  private long nanos(Runnable call) {
    long start = clock.getAsLong();
    call.run();
    return clock.getAsLong() - start;
  }

  /**
   * The nanoseconds each timed call of {@code call} returns, e.g. {@link
   * dev.rectifier.DeviceTiming#kernel}; empty if the first call returns nothing (no clock).
   */
  public Optional<Timing> timeBy(Supplier<OptionalLong> call) {
    long start = clock.getAsLong();
    for (int i = 0; i < warmup || clock.getAsLong() - start < warmupNanos; i++) {
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
