package dev.rectifier.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The threads a call may use: each index once, on no more threads than the limit, caller included.
 */
class CallThreadsTest {
  private static final int UNITS = 400;

  /** Runs {@code UNITS} units that each sleep a little, and returns the threads that ran them. */
  private static Set<Thread> threadsThatRan(CallThreads threads) {
    AtomicIntegerArray runs = new AtomicIntegerArray(UNITS);
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    threads.forEach(
        UNITS,
        i -> {
          seen.add(Thread.currentThread());
          runs.incrementAndGet(i);
          try {
            Thread.sleep(0, 200_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    for (int i = 0; i < UNITS; i++) {
      assertEquals(1, runs.get(i), "runs of unit " + i);
    }
    return seen;
  }

  @Test
  void oneThreadIsTheCallerAlone() {
    assertEquals(Set.of(Thread.currentThread()), threadsThatRan(CallThreads.upTo(1, "maxThreads")));
  }

  /**
   * In a JVM with a common pool of 7 threads: {@code Rectifier.cpu(1)} starts none of them, a limit
   * of 3 runs on 3 threads at most, the common pool on more.
   */
  @Test
  void aLimitHoldsWhereThePoolIsLarger() throws Exception {
    ChildJvm child =
        ChildJvm.run(
            CallThreadsProbe.class,
            Map.of(),
            Duration.ofSeconds(60),
            List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=7"));
    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(child.out().contains("pool after cpu(1): 0\n"), child.transcript());
    int limited = count(child, "limit 3: ");
    int common = count(child, "common: ");
    assertTrue(limited <= 3, child.transcript());
    assertTrue(
        common > 3, "the common pool ran on no more threads than the limit: " + child.transcript());
  }

  private static int count(ChildJvm child, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + "(\\d+)").matcher(child.out());
    assertTrue(m.find(), child.transcript());
    return Integer.parseInt(m.group(1));
  }

  @Test
  void aLimitCountsTheCaller() {
    Set<Thread> seen = threadsThatRan(CallThreads.upTo(2, "maxThreads"));
    assertTrue(seen.size() <= 2, () -> "ran on " + seen);
    assertTrue(seen.contains(Thread.currentThread()), () -> "the caller did not run: " + seen);
  }

  @Test
  void theCommonPoolRunsEveryUnitOnce() {
    Set<Thread> seen = threadsThatRan(CallThreads.COMMON);
    assertTrue(seen.size() <= ForkJoinPool.getCommonPoolParallelism() + 1, () -> "ran on " + seen);
  }

  @Test
  void theCountIsTheLimitOrThePoolIfSmaller() {
    int pool = ForkJoinPool.getCommonPoolParallelism() + 1;
    assertEquals(1, CallThreads.upTo(1, "n").count());
    assertEquals(Math.min(2, pool), CallThreads.upTo(2, "n").count());
    assertEquals(pool, CallThreads.upTo(1000, "n").count());
    assertEquals(pool, CallThreads.COMMON.count());
  }

  @Test
  void lessThanOneThreadIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CallThreads.upTo(0, "maxThreads"));
    assertEquals("maxThreads must be at least 1, was 0", e.getMessage());
  }

  @Test
  void aFailureIsRethrownOnceEveryThreadHasStopped() {
    AtomicIntegerArray running = new AtomicIntegerArray(1);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                CallThreads.upTo(4, "n")
                    .forEach(
                        UNITS,
                        i -> {
                          running.incrementAndGet(0);
                          try {
                            if (i == 7) {
                              throw new IllegalStateException("unit 7");
                            }
                          } finally {
                            running.decrementAndGet(0);
                          }
                        }));
    assertEquals("unit 7", e.getMessage());
    assertEquals(0, running.get(0), "units still running after the call returned");
  }
}
