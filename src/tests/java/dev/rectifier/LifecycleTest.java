package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.PreluMemories;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.Request;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.verify.Tensors;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * close() on every backend: idempotent, every later call throws a clear IllegalStateException, and
 * a close racing with calls in other threads waits for the calls in progress, so none fails or
 * gives a wrong result and the backend is never closed under one.
 */
class LifecycleTest {
  private static final int THREADS = 16;
  @RegisterExtension static final Backends BACKENDS = new Backends();

  static List<Backends.Target> backends() {
    return BACKENDS.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void closeIsIdempotentAndEveryLaterCallThrows(Backends.Target target) {
    Rectifier r = target.reopen();
    String described = r.describe();
    r.close();
    r.close();
    assertEquals(described, r.describe());
    for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
      for (Op op : Op.values()) {
        Object x = Tensors.filled(4, -1, p);
        Object dy = op.isGradient() ? Tensors.filled(4, 2, p) : null;
        Object out = Tensors.filled(4, 9, p);
        assertClosed(() -> Calls.whole(r, op, x, dy, out, 0.5));
        assertClosed(() -> Calls.range(r, op, x, 1, dy, 1, out, 1, 2, 0.5));
        assertClosed(() -> Calls.apply(r, op, x, dy, out, 0.5));
        assertTrue(Tensors.sameBits(Tensors.filled(4, 9, p), out, 0, 4), "output unchanged");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void closeWaitsForCallsInFlightAndLaterCallsThrow(Backends.Target target)
      throws InterruptedException {
    CallPool pool = new CallPool(target, 48, 404);
    Rectifier r = target.reopen();
    callUntilClosed(r, (thread, step) -> pool.get(thread, step).check(r));
  }

  @Test
  void theBackendIsNeverClosedUnderARunningCall() throws InterruptedException {
    WatchedBackend backend = new WatchedBackend();
    Rectifier r = new Rectifier(backend, "watched");
    float[] x = new float[100_000];
    float[][] y = new float[THREADS][x.length];
    callUntilClosed(r, (thread, step) -> r.relu(x, y[thread]));
    assertEquals(List.of(), backend.misuse);
  }

  /** One call of a thread's series. */
  @FunctionalInterface
  private interface Call {
    void run(int thread, int step);
  }

  /**
   * Has {@link #THREADS} threads make calls until {@code r} is closed, which another thread does
   * once each has made ten; every call must succeed until a clear IllegalStateException.
   */
  private static void callUntilClosed(Rectifier r, Call call) throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(THREADS);
    Workers.run(
        THREADS + 1,
        t -> {
          if (t == THREADS) {
            busy.await();
            r.close();
            return;
          }
          for (int step = 0; step < 1_000_000; step++) {
            if (step == 10) {
              busy.countDown();
            }
            try {
              call.run(t, step);
            } catch (IllegalStateException closed) {
              assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
              return;
            }
          }
          fail("the Rectifier was never closed");
        });
  }

  /** A CPU backend that records any run in progress when it is closed, or started after. */
  private static final class WatchedBackend implements Backend {
    final List<String> misuse = new CopyOnWriteArrayList<>();
    private final CpuBackend cpu = new CpuBackend();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean closed;

    @Override
    public String describe() {
      return "watched " + cpu.describe();
    }

    @Override
    public boolean supports(Precision precision) {
      return true;
    }

    @Override
    public void run(Request request) {
      watched(() -> cpu.run(request), "run after close");
    }

    @Override
    public void prelu(PreluRequest request) {
      watched(() -> cpu.prelu(request), "prelu after close");
    }

    @Override
    public OptionalLong prelu(PreluMemories m, boolean timed) {
      watched(() -> cpu.prelu(m, timed), "device prelu after close");
      return OptionalLong.empty();
    }

    private void watched(Runnable call, String misused) {
      running.incrementAndGet();
      if (closed) {
        misuse.add(misused);
      }
      call.run();
      running.decrementAndGet();
    }

    @Override
    public DeviceMemory allocate(Precision precision, int length) {
      return cpu.allocate(precision, length);
    }

    @Override
    public OptionalLong timeCopy(DeviceMemory source, DeviceMemory target) {
      return cpu.timeCopy(source, target);
    }

    @Override
    public void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
      watched(() -> cpu.run(op, x, dy, out, alpha), "device run after close");
    }

    @Override
    public void close() {
      if (running.get() > 0) {
        misuse.add("close with " + running.get() + " runs in progress");
      }
      closed = true;
    }
  }

  private static void assertClosed(Executable call) {
    IllegalStateException e = assertThrows(IllegalStateException.class, call);
    assertTrue(e.getMessage().startsWith("this Rectifier is closed ("), e.getMessage());
  }
}
