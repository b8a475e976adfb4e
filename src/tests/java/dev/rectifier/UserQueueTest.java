package dev.rectifier;

import static org.jocl.CL.CL_COMPLETE;
import static org.jocl.CL.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.clCreateUserEvent;
import static org.jocl.CL.clEnqueueBarrierWithWaitList;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clSetUserEventStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jocl.cl_event;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/**
 * A Rectifier on the user's own queue, over the user's own buffers: ops land in those buffers, in
 * order with the user's commands and without waiting for them, and the queue and buffers outlive
 * the Rectifier and its arrays. (A failure on the device is {@code PendingCommandsTest}'s: PoCL 3.1
 * aborts the JVM when a failed user event fails the commands queued after it.)
 */
class UserQueueTest {
  private static final int N = 10_007;
  private static final int CHAIN = 2000;

  @Test
  void opsLandInTheUsersBuffersWhichOutliveTheRectifierLikeTheQueue() {
    float[] x = floats(N, 1);
    float[] expected = new float[N];
    try (Rectifier cpu = Rectifier.cpu()) {
      cpu.leakyRelu(x, expected, 0.01f);
      cpu.reluGrad(x, expected, expected);
    }
    try (UserOpenCl user = new UserOpenCl(0)) {
      cl_mem xs = user.buffer(x);
      cl_mem ys = user.buffer(new float[N]);
      float[] onJavaArrays = new float[N];
      try (Rectifier r = Rectifier.openCl(user.queue)) {
        DeviceArray a = r.wrap(xs, Precision.FLOAT, N);
        DeviceArray b = r.wrap(ys, Precision.FLOAT, N);
        assertEquals(xs, a.clMem(), "clMem() of a wrapped array is the user's buffer");
        assertEquals(2, UserOpenCl.references(xs), "wrap retains the buffer");
        r.leakyRelu(a, b, 0.01);
        r.reluGrad(a, b, b);
        r.finish();
        a.close();
        b.close();
        assertEquals(1, UserOpenCl.references(xs), "close releases only wrap's retain");
        r.leakyRelu(x, onJavaArrays, 0.01f);
        r.reluGrad(x, onJavaArrays, onJavaArrays);
      }
      // The user's queue still runs the user's commands. (PoCL's count of references to a queue
      // varies with the commands it has run, so only a queue that never ran one is counted.)
      BitAssert.assertSameBits(
          "in the user's buffer", expected, null, user.read(ys, N), 0, N, i -> "x = " + x[i]);
      BitAssert.assertSameBits(
          "Java arrays on the user's queue",
          expected,
          null,
          onJavaArrays,
          0,
          N,
          i -> "x = " + x[i]);
    }
  }

  @Test
  void chainedOpsAreEnqueuedWithoutWaitingAndRunInOrder() throws Exception {
    float[] x = floats(N, 2);
    float[] expectedA = x.clone();
    float[] expectedB = new float[N];
    try (Rectifier cpu = Rectifier.cpu()) {
      chain(cpu, expectedA, expectedB);
    }
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try (UserOpenCl user = new UserOpenCl(0);
        Rectifier r = Rectifier.openCl(user.queue);
        DeviceArray a = r.wrap(user.buffer(x), Precision.FLOAT, N);
        DeviceArray b = r.wrap(user.buffer(new float[N]), Precision.FLOAT, N)) {
      cl_event gate = clCreateUserEvent(user.context, null);
      clEnqueueBarrierWithWaitList(user.queue, 1, new cl_event[] {gate}, null);
      Future<?> enqueued = caller.submit(() -> chain(r, a, b));
      try {
        enqueued.get(60, TimeUnit.SECONDS); // the queue is held: any wait would never end
      } finally {
        clSetUserEventStatus(gate, CL_COMPLETE);
        clReleaseEvent(gate);
      }
      r.finish();
      float[] actualA = new float[N];
      float[] actualB = new float[N];
      a.read(actualA);
      b.read(actualB);
      BitAssert.assertSameBits(
          "a after the chain", expectedA, null, actualA, 0, N, i -> "x = " + x[i]);
      BitAssert.assertSameBits(
          "b after the chain", expectedB, null, actualB, 0, N, i -> "x = " + x[i]);
    } finally {
      caller.shutdownNow();
    }
  }

  @Test
  void anOutOfOrderQueueIsRefusedAndKeptAsItWas() {
    try (UserOpenCl user = new UserOpenCl(CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Rectifier.openCl(user.queue));
      assertTrue(e.getMessage().contains("out of order"), e.getMessage());
      assertEquals(1, user.queueReferences(), "nothing retained");
    }
  }

  @Test
  void timeKernelIsEmptyWithoutProfilingOnTheQueueAndTimedWithIt() {
    float[] x = floats(N, 4);
    for (long properties : new long[] {0, CL_QUEUE_PROFILING_ENABLE}) {
      try (UserOpenCl user = new UserOpenCl(properties);
          Rectifier r = Rectifier.openCl(user.queue);
          DeviceArray a = r.wrap(user.buffer(x), Precision.FLOAT, N)) {
        boolean timed = r.timing().kernel(Op.RELU, a, null, a, 0).isPresent();
        assertEquals(properties != 0, timed, "timed with queue properties " + properties);
      }
    }
  }

  @Test
  void wrapChecksTheBufferAndClMemNeedsAnOpenClBuffer() {
    try (UserOpenCl user = new UserOpenCl(0);
        UserOpenCl other = new UserOpenCl(0);
        Rectifier r = Rectifier.openCl(user.queue);
        Rectifier cpu = Rectifier.cpu()) {
      cl_mem small = user.buffer(new float[10]);
      assertMessage(
          IllegalArgumentException.class,
          () -> r.wrap(small, Precision.FLOAT, 11),
          "buffer holds 40 bytes, fewer than the 44 that length needs");
      assertMessage(
          IllegalArgumentException.class,
          () -> r.wrap(other.buffer(new float[10]), Precision.FLOAT, 10),
          "buffer belongs to another OpenCL context");
      assertMessage(
          IllegalArgumentException.class,
          () -> r.wrap(small, Precision.FLOAT, -1),
          "length must not be negative");
      assertMessage(NullPointerException.class, () -> r.wrap(null, Precision.FLOAT, 1), "buffer");
      assertMessage(
          IllegalStateException.class,
          () -> cpu.wrap(small, Precision.FLOAT, 10),
          "wrap needs an OpenCL Rectifier");
      try (DeviceArray onCpu = cpu.allocate(Precision.FLOAT, 10)) {
        assertMessage(IllegalStateException.class, onCpu::clMem, "CPU backend");
      }
      assertEquals(1, UserOpenCl.references(small), "a refused wrap retains nothing");
    }
  }

  /** 2000 ops, each depending on the one before, alternating between the two arrays. */
  private static void chain(Rectifier r, DeviceArray a, DeviceArray b) {
    for (int k = 0; k < CHAIN; k++) {
      double alpha = k % 3 == 0 ? -0.5 : 0.9;
      if (k % 2 == 0) {
        r.leakyRelu(a, b, alpha);
      } else {
        r.leakyRelu(b, a, alpha);
      }
    }
  }

  /** The same chain on Java arrays. */
  private static void chain(Rectifier r, float[] a, float[] b) {
    for (int k = 0; k < CHAIN; k++) {
      float alpha = k % 3 == 0 ? -0.5f : 0.9f;
      if (k % 2 == 0) {
        r.leakyRelu(a, b, alpha);
      } else {
        r.leakyRelu(b, a, alpha);
      }
    }
  }

  private static float[] floats(int n, long seed) {
    return (float[])
        Tensors.of(
            RandomValues.draw(Distribution.MIXED, Precision.FLOAT, n, seed), Precision.FLOAT);
  }

  private static void assertMessage(
      Class<? extends Throwable> type,
      org.junit.jupiter.api.function.Executable call,
      String part) {
    Throwable t = assertThrows(type, call);
    assertTrue(t.getMessage() != null && t.getMessage().contains(part), t.getMessage());
    assertFalse(t.getMessage().isEmpty());
  }
}
