package dev.rectifier.backend;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The threads one call may use: the calling thread and, beside it, threads of the common fork-join
 * pool, at most {@link #count()} in all. Each call counts for itself, so calls made at once from
 * several threads (the tasks of a Spark executor) each use up to that many.
 */
public final class CallThreads {
  /** The calling thread and every worker of the common fork-join pool. */
  public static final CallThreads COMMON = new CallThreads(0);

  /** The calling thread alone. */
  public static final CallThreads CALLER = new CallThreads(1);

  /** The most threads a call uses, or 0 for the common pool's threads and the caller. */
  private final int limit;

  private CallThreads(int limit) {
    this.limit = limit;
  }

  /**
   * At most {@code threads} threads a call, the caller's included.
   *
   * @throws IllegalArgumentException if {@code threads} is less than 1, naming {@code argument}
   */
  public static CallThreads upTo(int threads, String argument) {
    if (threads < 1) {
      throw new IllegalArgumentException(argument + " must be at least 1, was " + threads);
    }
    return threads == 1 ? CALLER : new CallThreads(threads);
  }

  /** The most threads a call uses, the caller's included. */
  public int count() {
    int pool = ForkJoinPool.getCommonPoolParallelism() + 1; // the pool's threads and the caller
    return limit == 0 ? pool : Math.min(limit, pool);
  }

  /**
   * Runs {@code action} on {@code 0 .. n-1}, each once, on up to {@link #count()} threads: the
   * caller and helpers from the common pool take the next index until none is left, so a thread
   * slowed by other load takes fewer. The first exception thrown is rethrown once every thread has
   * stopped, the others added to it as suppressed.
   */
  public void forEach(int n, IntConsumer action) {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable take =
        () -> {
          try {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
              action.accept(i);
            }
          } catch (RuntimeException | Error e) {
            next.set(n); // the other threads stop at their next index
            if (!failure.compareAndSet(null, e)) {
              failure.get().addSuppressed(e);
            }
          }
        };
    int threads = Math.min(count(), n);
    ForkJoinTask<?>[] helpers = new ForkJoinTask<?>[Math.max(0, threads - 1)];
    for (int h = 0; h < helpers.length; h++) {
      helpers[h] = ForkJoinPool.commonPool().submit(take);
    }
    take.run();
    for (ForkJoinTask<?> helper : helpers) {
      helper.join();
    }
    if (failure.get() instanceof RuntimeException e) {
      throw e;
    }
    if (failure.get() instanceof Error e) {
      throw e;
    }
  }

  @Override
  public String toString() {
    int threads = count();
    return threads + (threads == 1 ? " thread" : " threads");
  }
}
