package dev.rectifier.backend;

import dev.rectifier.Rectifier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Run by {@link CallThreadsTest} in a JVM whose common pool is larger than the limits it tries:
 * prints the common pool's thread count after a large op on {@code Rectifier.cpu(1)}, then the
 * number of threads that ran the units of a call limited to 3 and of one on the common pool.
 */
final class CallThreadsProbe {
  private CallThreadsProbe() {}

  public static void main(String[] args) {
    float[] x = new float[1 << 22];
    try (Rectifier r = Rectifier.cpu(1)) {
      r.leakyRelu(x, new float[x.length], 0.01f);
      r.relu(
          java.nio.FloatBuffer.wrap(x).asReadOnlyBuffer(), java.nio.FloatBuffer.allocate(x.length));
    }
    System.out.println("pool after cpu(1): " + ForkJoinPool.commonPool().getPoolSize());
    System.out.println("limit 3: " + threadsThatRan(CallThreads.upTo(3, "n")).size());
    System.out.println("common: " + threadsThatRan(CallThreads.COMMON).size());
  }

  private static Set<Thread> threadsThatRan(CallThreads threads) {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    threads.forEach(
        400,
        i -> {
          seen.add(Thread.currentThread());
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return seen;
  }
}
