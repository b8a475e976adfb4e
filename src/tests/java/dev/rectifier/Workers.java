package dev.rectifier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs one task on many threads released together, and fails with what any of them threw. */
final class Workers {
  /** The work of one thread. */
  @FunctionalInterface
  interface Task {
    void run(int thread) throws Exception;
  }

  private Workers() {}

  /** Runs {@code task} on {@code threads} threads at once and waits for them all. */
  static void run(int threads, Task task) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> running = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int thread = i;
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  task.run(thread);
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "worker-" + i);
      t.start();
      running.add(t);
    }
    start.countDown();
    for (Thread t : running) {
      t.join();
    }
    if (!failures.isEmpty()) {
      AssertionError error =
          new AssertionError(
              failures.size() + " of " + threads + " threads failed", failures.peek());
      failures.stream().skip(1).forEach(error::addSuppressed);
      throw error;
    }
  }

  /** As {@link #run}, with {@code System.gc()} forced every few milliseconds meanwhile. */
  static void runUnderGc(int threads, Task task) throws InterruptedException {
    ScheduledExecutorService gc = Executors.newSingleThreadScheduledExecutor();
    gc.scheduleWithFixedDelay(System::gc, 0, 5, TimeUnit.MILLISECONDS);
    try {
      run(threads, task);
    } finally {
      gc.shutdownNow();
    }
  }
}
