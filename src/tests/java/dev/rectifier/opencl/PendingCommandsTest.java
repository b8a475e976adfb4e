package dev.rectifier.opencl;

import static org.jocl.CL.CL_COMPLETE;
import static org.jocl.CL.clCreateUserEvent;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clSetUserEventStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.RectifierException;
import dev.rectifier.backend.HostRange;
import dev.rectifier.opencl.transfer.MappedTransfer;
import java.util.Map;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;
import org.junit.jupiter.api.Test;

/**
 * An op that failed on the device is reported by the next check, as one of the range of ops its
 * checkpoint stands for, by their first and last and how it failed, and only once. The failures are
 * user events set to an error status, on which nothing waits: PoCL 3.1 aborts the JVM when a failed
 * event fails the commands queued after it, so no real command can be made to fail on it.
 */
class PendingCommandsTest {
  private final DeviceContext shared =
      DeviceContext.of(
          OpenClRuntime.select(String.valueOf(OpenClRequirement.devices().get(0).index())));

  @Test
  void aFailedOpIsReportedByWhatItWasAndHowThenForgotten() {
    PendingCommands pending = new PendingCommands("the device", 1);
    pending.enqueue(() -> "RELU(x = float[3] in cl_mem[0x1])", withEvent -> event(CL_COMPLETE));
    pending.enqueue(() -> "LEAKY_RELU(x = float[3] in cl_mem[0x1])", withEvent -> event(-5));

    RectifierException e = assertThrows(RectifierException.class, pending::check);
    assertEquals(
        "op 2 since the last finish failed on OpenCL device the device (CL_OUT_OF_RESOURCES):"
            + " LEAKY_RELU(x = float[3] in cl_mem[0x1])",
        e.getMessage());
    assertDoesNotThrow(pending::check, "a failure is reported once");
  }

  @Test
  void aFailureOutlivesTheSweepsOfCompletedCheckpoints() {
    PendingCommands pending = new PendingCommands("the device", 1);
    pending.enqueue(() -> "the failed one", withEvent -> event(-5));
    for (int i = 0; i < 3000; i++) {
      pending.enqueue(() -> "a completed one", withEvent -> event(CL_COMPLETE));
    }
    RectifierException e = assertThrows(RectifierException.class, pending::check);
    assertTrue(e.getMessage().startsWith("op 1 since the last finish failed"), e.getMessage());
  }

  @Test
  void theEndOfABatchStandsForTheOpsAfterTheLastCheckpointAndNumbersFromOneAgain() {
    PendingCommands pending = new PendingCommands("the device", 2);
    for (String name : new String[] {"op a", "op b", "op c", "op d", "op e"}) {
      pending.enqueue(() -> name, withEvent -> withEvent ? event(CL_COMPLETE) : null);
    }
    pending.endBatch(withEvent -> event(-5));
    pending.enqueue(() -> "op f", withEvent -> null);
    pending.enqueue(() -> "op g", withEvent -> withEvent ? event(-36) : null);

    RectifierException e = assertThrows(RectifierException.class, pending::check);
    assertEquals(
        "op 5 since the last finish failed on OpenCL device the device (CL_OUT_OF_RESOURCES):"
            + " op e; 1 later range(s) failed too, the last: one of ops 1..2 since the last finish"
            + " failed on OpenCL device the device (CL_INVALID_COMMAND_QUEUE): the first op f,"
            + " the last op g",
        e.getMessage());
  }

  @Test
  void aCheckpointStillRunningStaysForTheNextCheck() {
    PendingCommands pending = new PendingCommands("the device", 1);
    cl_event running = clCreateUserEvent(shared.context(), null);
    pending.enqueue(() -> "op a", withEvent -> running);
    assertDoesNotThrow(pending::check);
    clSetUserEventStatus(running, -5);
    RectifierException e = assertThrows(RectifierException.class, pending::check);
    assertTrue(e.getMessage().contains(": op a"), e.getMessage());
  }

  @Test
  void aFailureInTheMiddleOfAChainIsReportedAsItsRangeAndTheChainStillRuns() {
    int n = 1000;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 3 == 0 ? -i : i * 0.5f;
    }
    cl_command_queue queue = shared.createQueue();
    try (MappedTransfer transfer = new MappedTransfer(shared.context())) {
      DeviceArrays arrays =
          new DeviceArrays(
              queue,
              transfer,
              Map.of(Precision.FLOAT, shared.program(Precision.FLOAT, KernelSource.activations())),
              1 << 20,
              "the device",
              new PendingCommands("the device", 8));
      ClMemory a = arrays.allocate(Precision.FLOAT, n, HostRange.of(x));
      ClMemory b = arrays.allocate(Precision.FLOAT, n, null);
      // 39 leakyRelu, a to b and back, as ops 1..15 and 17..40; op 16, a checkpoint, a failed
      // user event.
      int run = 0;
      for (int op = 1; op <= 40; op++) {
        if (op == 16) {
          arrays
              .pending()
              .enqueue(() -> "the failed one", withEvent -> withEvent ? event(-5) : null);
        } else {
          run++;
          arrays.run(Op.LEAKY_RELU, run % 2 == 1 ? a : b, null, run % 2 == 1 ? b : a, 0.5);
        }
      }
      RectifierException e = assertThrows(RectifierException.class, arrays::finish);
      assertEquals(
          "one of ops 9..16 since the last finish failed on OpenCL device the device"
              + " (CL_OUT_OF_RESOURCES): the first LEAKY_RELU(x = "
              + a
              + ", y = "
              + b
              + "), the last the failed one",
          e.getMessage());
      assertDoesNotThrow(arrays::finish, "a failure is reported once");

      float[] expected = x.clone();
      try (Rectifier cpu = Rectifier.cpu()) {
        for (int op = 1; op <= 39; op++) {
          cpu.leakyRelu(expected, expected, 0.5f);
        }
      }
      float[] actual = new float[n];
      b.read(0, HostRange.of(actual));
      assertArrayEquals(expected, actual, "the 39 ops that ran, in order");
      a.close();
      b.close();
    } finally {
      clReleaseCommandQueue(queue);
    }
  }

  /** A user event with {@code status}: complete, or an error code. */
  private cl_event event(int status) {
    cl_event event = clCreateUserEvent(shared.context(), null);
    clSetUserEventStatus(event, status);
    return event;
  }
}
