package dev.rectifier.cli;

import dev.rectifier.measure.HostBaselines;
import dev.rectifier.measure.Stopwatch;
import java.util.HashMap;
import java.util.Map;

/**
 * The host's copy bandwidth, the ceiling a memory-bound op on the host can reach: the {@linkplain
 * HostBaselines#copies copy baseline} on {@code float[]} arrays, on each of its thread counts in
 * turns, the fastest taken. Each byte count is measured once per run, with the bench's own warm-up
 * and repeats.
 */
final class HostCopy implements AutoCloseable {
  private final Stopwatch stopwatch;
  private final HostBaselines baselines = new HostBaselines();
  private final Map<Long, HostBaselines.Fastest> measured = new HashMap<>();

  HostCopy(Stopwatch stopwatch) {
    this.stopwatch = stopwatch;
  }

  /** What is measured, for the output, e.g. {@code host copy loop on 1, 2 threads}. */
  String description() {
    return HostBaselines.describeCopies(baselines.threadCounts());
  }

  /**
   * The fastest copy of {@code bytesMoved / 2} bytes ({@code bytesMoved} read and written), and its
   * thread count.
   */
  HostBaselines.Fastest time(long bytesMoved) {
    return measured.computeIfAbsent(bytesMoved, this::measure);
  }

  private HostBaselines.Fastest measure(long bytesMoved) {
    int floats = (int) Math.max(1, bytesMoved / (2 * Float.BYTES));
    float[] src = new float[floats];
    float[] dst = new float[floats];
    for (int i = 0; i < floats; i++) {
      src[i] = i;
    }
    return HostBaselines.fastest(baselines.copies(src, dst), stopwatch::timeInterleaved);
  }

  @Override
  public void close() {
    baselines.close();
  }
}
