package dev.rectifier.measure;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a range loop on two threads, one half each: the shape of the host baselines ({@link
 * HostBaselines}), whose "2 threads" are this one and a helper thread. Close it to stop the helper.
 */
public final class TwoThreads implements AutoCloseable {
  /** A loop over {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeLoop {
    void run(int from, int to);
  }

  private final ExecutorService helper =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "rectifier-measure-helper");
            t.setDaemon(true);
            return t;
          });

  /**
   * Runs {@code loop} over {@code [0, n)}: the upper half on the helper thread, the lower here.
   *
   * @throws IllegalStateException if interrupted, or if the helper's half threw a checked exception
   */
  public void run(int n, RangeLoop loop) {
    int half = n / 2;
    Future<?> upper = helper.submit(() -> loop.run(half, n));
    loop.run(0, half);
    try {
      upper.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the helper thread", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("the helper thread's half failed", e.getCause());
    }
  }

  @Override
  public void close() {
    helper.shutdownNow();
  }
}
