package dev.rectifier.opencl;

import static org.jocl.CL.clReleaseCommandQueue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.opencl.transfer.SharedTransfer;
import java.util.List;
import org.jocl.cl_command_queue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The check that lets a CPU device share host memory with Java in place: it passes on every CPU
 * device found, and fails when the kernel does not leave its result in that memory.
 */
class SharedTransferTest {
  private static List<DeviceInfo> cpuDevices() {
    List<DeviceInfo> cpus =
        OpenClRequirement.devices().stream().filter(d -> d.type() == DeviceType.CPU).toList();
    Assumptions.assumeFalse(cpus.isEmpty(), "no CPU OpenCL device");
    return cpus;
  }

  @Test
  void everyCpuDeviceWorksOnHostMemoryInPlace() {
    for (DeviceInfo device : cpuDevices()) {
      assertTrue(worksInPlace(device, KernelSource.activations()), device::describe);
    }
  }

  @Test
  void theCheckFailsWhenTheResultIsNotThere() {
    // Leaves no result on the check's 1024 elements; right on the known-answer check's few, which
    // every program passes before the in-place check may run it.
    String header =
        "__kernel void relu(__global const STORAGE *x, __global STORAGE *y, const uint n) {";
    String source = KernelSource.activations();
    assertTrue(source.contains(header));
    String writesNothing = source.replace(header, header + "\n  if (n >= 1024) return;");
    for (DeviceInfo device : cpuDevices()) {
      assertFalse(worksInPlace(device, writesNothing), device::describe);
    }
  }

  private static boolean worksInPlace(DeviceInfo device, String source) {
    DeviceContext shared = DeviceContext.of(OpenClRuntime.select(String.valueOf(device.index())));
    cl_command_queue queue = shared.createQueue();
    SharedTransfer transfer = new SharedTransfer(shared.context(), queue);
    ActivationProgram floats = shared.program(Precision.FLOAT, source);
    try {
      return transfer.worksInPlace(
          (q, buffer, n) -> floats.enqueue(q, Op.RELU, buffer, null, buffer, n, 0, null));
    } finally {
      transfer.close();
      clReleaseCommandQueue(queue);
    }
  }
}
