package dev.rectifier.opencl;

import static org.jocl.CL.CL_COMPLETE;
import static org.jocl.CL.clCreateUserEvent;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clSetUserEventStatus;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.OpenClRequirement;
import dev.rectifier.RectifierException;
import dev.rectifier.opencl.transfer.MappedTransfer;
import java.util.Map;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;
import org.junit.jupiter.api.Test;

/**
 * A command that failed on the device is reported by the next check, by what it was and how it
 * failed, and only once. The failures are user events set to an error status, on which nothing
 * waits: PoCL 3.1 aborts the JVM when a failed event fails the commands queued after it, so no real
 * command can be made to fail on it.
 */
class PendingCommandsTest {
  private final DeviceContext shared =
      DeviceContext.of(
          OpenClRuntime.select(String.valueOf(OpenClRequirement.devices().get(0).index())));

  @Test
  void aFailedCommandIsReportedByWhatItWasAndHowThenForgotten() {
    PendingCommands pending = new PendingCommands("the device");
    pending.add(
        event(CL_COMPLETE), "RELU(x = float[3] in cl_mem[0x1], y = float[3] in cl_mem[0x1])");
    pending.add(event(-5), "LEAKY_RELU(x = float[3] in cl_mem[0x1], y = float[3] in cl_mem[0x2])");

    RectifierException e = assertThrows(RectifierException.class, pending::check);
    assertTrue(
        e.getMessage()
            .contains(
                "1 command(s) failed on OpenCL device the device, the first: LEAKY_RELU(x ="
                    + " float[3] in cl_mem[0x1], y = float[3] in cl_mem[0x2])"
                    + " (CL_OUT_OF_RESOURCES)"),
        e.getMessage());
    assertDoesNotThrow(pending::check, "a failure is reported once");
  }

  @Test
  void aFailureOutlivesTheSweepsOfCompletedCommands() {
    PendingCommands pending = new PendingCommands("the device");
    pending.add(event(-5), "the failed one");
    for (int i = 0; i < 3000; i++) {
      pending.add(event(CL_COMPLETE), "a completed one");
    }
    RectifierException e = assertThrows(RectifierException.class, pending::check);
    assertTrue(e.getMessage().contains("the first: the failed one"), e.getMessage());
  }

  @Test
  void finishingTheQueueReportsAFailedCommandOnceAndTheQueueGoesOn() {
    cl_command_queue queue = shared.createQueue();
    try (MappedTransfer transfer = new MappedTransfer(shared.context())) {
      DeviceArrays arrays = new DeviceArrays(queue, transfer, Map.of(), 1 << 20, "the device");
      arrays
          .pending()
          .add(event(-5), "RELU(x = float[3] in cl_mem[0x1], y = float[3] in cl_mem[0x1])");
      RectifierException e = assertThrows(RectifierException.class, arrays::finish);
      assertTrue(e.getMessage().contains("the first: RELU(x = float[3]"), e.getMessage());
      assertDoesNotThrow(arrays::finish);
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
