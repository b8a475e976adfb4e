package dev.rectifier.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The host's copy bandwidth, the ceiling a memory-bound op on the host can reach: {@link
 * System#arraycopy} of one array into another, the arrays split in two halves copied on two
 * threads. Each byte count is measured once per run, with the bench's own warm-up and repeats.
 */
final class HostCopy implements AutoCloseable {
  /** What the baseline is, for the output. */
  static final String DESCRIPTION = "host System.arraycopy on 2 threads";

  private final Stopwatch stopwatch;
  private final ExecutorService helper =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "rectifier-bench-copy");
            t.setDaemon(true);
            return t;
          });
  private final Map<Long, Timing> measured = new HashMap<>();

  HostCopy(Stopwatch stopwatch) {
    this.stopwatch = stopwatch;
  }

  /** The time to copy {@code bytesMoved / 2} bytes: {@code bytesMoved} read and written. */
  Timing time(long bytesMoved) {
    return measured.computeIfAbsent(bytesMoved, this::measure);
  }

  private Timing measure(long bytesMoved) {
    int words = (int) Math.max(1, bytesMoved / (2 * Long.BYTES));
    long[] src = new long[words];
    long[] dst = new long[words];
    java.util.Arrays.setAll(src, i -> i);
    return stopwatch.time(() -> copy(src, dst));
  }

  /** Copies the first half on the helper thread and the second on this one. */
  private void copy(long[] src, long[] dst) {
    int half = src.length / 2;
    Future<?> first = helper.submit(() -> System.arraycopy(src, 0, dst, 0, half));
    System.arraycopy(src, half, dst, half, src.length - half);
    try {
      first.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while timing the copy baseline", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the copy baseline failed", e.getCause());
    }
  }

  @Override
  public void close() {
    helper.shutdownNow();
  }
}
