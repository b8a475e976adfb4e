package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.RectifierException;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.Request;
import dev.rectifier.cpu.CpuBackend;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The OpenCL backend's own machinery, on every OpenCL device: chunking and build failures. */
class OpenClBackendTest {

  static List<DeviceInfo> devices() {
    return OpenClRequirement.devices();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void arraysLargerThanOneBufferRunInChunks(DeviceInfo device) {
    int n = 10_007;
    Well19937c rng = new Well19937c(3);
    float[] x = new float[n + 5];
    float[] dy = new float[n + 9];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < dy.length; i++) {
      dy[i] = (float) rng.nextGaussian();
    }
    float[] expected = new float[n + 2];
    float[] actual = new float[n + 2];
    Request cpu = new FloatRequest(Op.LEAKY_RELU_GRAD, x, 5, dy, 9, expected, 2, n, 0.1f);
    Request ocl = new FloatRequest(Op.LEAKY_RELU_GRAD, x, 5, dy, 9, actual, 2, n, 0.1f);
    OpenClRuntime.Device d = OpenClRuntime.select(String.valueOf(device.index()));
    // 4000-byte buffers: 1000 floats per chunk, so 11 chunks, the last one partial.
    try (OpenClBackend backend = OpenClBackend.open(d, 4000, KernelSource.activations());
        CpuBackend reference = new CpuBackend()) {
      reference.run(cpu);
      backend.run(ocl);
    }
    assertArrayEquals(expected, actual);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void aKernelThatDoesNotBuildFailsWithTheBuildLog(DeviceInfo device) {
    OpenClRuntime.Device d = OpenClRuntime.select(String.valueOf(device.index()));
    String broken = KernelSource.activations().replace("const REAL v = x[k];", "REAL v = x[k] +;");
    RectifierException e =
        assertThrows(
            RectifierException.class,
            () -> OpenClBackend.open(d, device.maxAllocationBytes(), broken).close());
    assertTrue(
        e.getMessage().contains("building /kernels/activations.cl for float on " + device.name()),
        e.getMessage());
    assertTrue(e.getMessage().contains("build log:\n"), e.getMessage());
    String log = e.getMessage().substring(e.getMessage().indexOf("build log:\n"));
    assertTrue(log.toLowerCase().contains("error"), "the build log says what is wrong: " + log);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void describesTheDeviceAndSupportsDoubleOnlyWithFp64(DeviceInfo device) {
    try (OpenClBackend backend = OpenClBackend.open(String.valueOf(device.index()))) {
      assertEquals(java.util.Optional.of(device), backend.device());
      assertEquals("OpenCL: " + device.describe(), backend.describe());
      assertTrue(backend.supports(dev.rectifier.Precision.FLOAT));
      assertEquals(device.fp64(), backend.supports(dev.rectifier.Precision.DOUBLE));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void closeIsIdempotent(DeviceInfo device) {
    OpenClBackend backend = OpenClBackend.open(device.name());
    backend.close();
    backend.close();
    assertTrue(Arrays.asList(OpenClRuntime.devices().toArray()).contains(device));
  }
}
