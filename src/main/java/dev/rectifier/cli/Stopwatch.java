package dev.rectifier.cli;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** Times a call on the host clock: untimed warm-up calls, then repeated timed ones. */
final class Stopwatch {
  private final int warmup;
  private final int repeats;

  /**
   * @param warmup untimed calls first, 0 or more
   * @param repeats timed calls, 1 or more
   */
  Stopwatch(int warmup, int repeats) {
    this.warmup = warmup;
    this.repeats = repeats;
  }

  /** The wall time of each timed call of {@code call}, by {@link System#nanoTime()}. */
  Timing time(Runnable call) {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    DescriptiveStatistics nanos = new DescriptiveStatistics();
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      call.run();
      nanos.addValue(System.nanoTime() - start);
    }
    return Timing.of(nanos);
  }
}
