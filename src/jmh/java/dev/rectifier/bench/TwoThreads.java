package dev.rectifier.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a range loop on two threads, one half each: the baselines' "2-thread" shape. */
final class TwoThreads implements AutoCloseable {
  /** A loop over {@code [from, to)}. */
  @FunctionalInterface
  interface RangeLoop {
    void run(int from, int to);
  }

  private final ExecutorService helper = Executors.newSingleThreadExecutor();

  /** Runs {@code loop} over {@code [0, n)}: the upper half on a helper thread, the lower here. */
  void run(int n, RangeLoop loop) throws Exception {
    int half = n / 2;
    Future<?> upper = helper.submit(() -> loop.run(half, n));
    loop.run(0, half);
    upper.get();
  }

  @Override
  public void close() {
    helper.shutdownNow();
  }
}
