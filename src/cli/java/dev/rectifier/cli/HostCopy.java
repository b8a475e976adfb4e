package dev.rectifier.cli;

import dev.rectifier.measure.HostBaselines;
import dev.rectifier.measure.Stopwatch;
import dev.rectifier.measure.Timing;
import dev.rectifier.measure.TwoThreads;
import java.util.HashMap;
import java.util.Map;

/**
 * The host's copy bandwidth, the ceiling a memory-bound op on the host can reach: the {@linkplain
 * HostBaselines#copy copy baseline} on {@code float[]} arrays. Each byte count is measured once per
 * run, with the bench's own warm-up and repeats.
 */
final class HostCopy implements AutoCloseable {
  private final Stopwatch stopwatch;
  private final TwoThreads threads = new TwoThreads();
  private final Map<Long, Timing> measured = new HashMap<>();

  HostCopy(Stopwatch stopwatch) {
    this.stopwatch = stopwatch;
  }

  /** The time to copy {@code bytesMoved / 2} bytes: {@code bytesMoved} read and written. */
  Timing time(long bytesMoved) {
    return measured.computeIfAbsent(bytesMoved, this::measure);
  }

  private Timing measure(long bytesMoved) {
    int floats = (int) Math.max(1, bytesMoved / (2 * Float.BYTES));
    float[] src = new float[floats];
    float[] dst = new float[floats];
    for (int i = 0; i < floats; i++) {
      src[i] = i;
    }
    return stopwatch.time(() -> HostBaselines.copy(threads, src, dst));
  }

  @Override
  public void close() {
    threads.close();
  }
}
