package dev.rectifier;

import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many threads calling at once, mixed ops, sizes, alphas and precisions, on one shared {@link
 * Rectifier} and on one per thread, with and without forced GC: every result exact.
 */
class ConcurrencyTest {
  private static final int THREADS = 16;
  private static final int CALLS = Integer.getInteger("rectifier.test.concurrentCalls", 1000);
  @RegisterExtension static final Backends BACKENDS = new Backends();

  static List<Backends.Target> backends() {
    return BACKENDS.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void oneSharedRectifier(Backends.Target target) throws InterruptedException {
    CallPool pool = new CallPool(target, 48, 101);
    Workers.run(THREADS, t -> calls(pool, t, target.rectifier()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void oneSharedRectifierUnderForcedGc(Backends.Target target) throws InterruptedException {
    CallPool pool = new CallPool(target, 48, 202);
    Workers.runUnderGc(THREADS, t -> calls(pool, t, target.rectifier()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void oneRectifierPerThread(Backends.Target target) throws InterruptedException {
    CallPool pool = new CallPool(target, 48, 303);
    Workers.run(
        THREADS,
        t -> {
          try (Rectifier own = target.reopen()) {
            calls(pool, t, own);
          }
        });
  }

  private static void calls(CallPool pool, int thread, Rectifier r) {
    for (int step = 0; step < CALLS; step++) {
      pool.get(thread, step).check(r);
    }
  }
}
