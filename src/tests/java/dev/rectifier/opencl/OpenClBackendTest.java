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
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.Request;
import dev.rectifier.cpu.CpuBackend;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenCL backend's own machinery, on every OpenCL device: chunking (PReLU's among it) and build
 * failures.
 */
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

  /**
   * PReLU and its gradient on arrays split into buffers of 1000 floats, which cut rows and blocks
   * of the weight gradient's order mid-way (3 channels × inner 7: rows of 1029 columns), so that
   * every column's sum goes on from one buffer into the next: the CPU backend's bits.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void preluRunsOnArraysLargerThanOneBuffer(DeviceInfo device) {
    int n = 21 * 12_601; // a block of 256 rows and one of 2, the last partial, in 265 buffers
    Well19937c rng = new Well19937c(5);
    float[] x = new float[n];
    float[] dy = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rng.nextGaussian();
      dy[i] = (float) rng.nextGaussian();
    }
    float[] weight = {0.25f, -0.5f, 3f};
    float[] y = new float[n];
    float[] expectedY = new float[n];
    float[] dx = new float[n];
    float[] expectedDx = new float[n];
    float[] dweight = new float[3];
    float[] expectedDweight = new float[3];
    OpenClRuntime.Device d = OpenClRuntime.select(String.valueOf(device.index()));
    try (OpenClBackend backend = OpenClBackend.open(d, 4000, KernelSource.activations());
        CpuBackend reference = new CpuBackend()) {
      reference.prelu(PreluRequest.forward(x, expectedY, weight, 7));
      reference.prelu(PreluRequest.gradient(x, dy, expectedDx, weight, 7, expectedDweight));
      backend.prelu(PreluRequest.forward(x, y, weight, 7));
      backend.prelu(PreluRequest.gradient(x, dy, dx, weight, 7, dweight));
    }
    assertArrayEquals(expectedY, y, "prelu");
    assertArrayEquals(expectedDx, dx, "dx");
    assertArrayEquals(expectedDweight, dweight, "dweight");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void aKernelThatDoesNotBuildFailsWithTheBuildLog(DeviceInfo device) {
    OpenClRuntime.Device d = OpenClRuntime.select(String.valueOf(device.index()));
    String broken = KernelSource.activations().replace("const REAL v = LOAD(x, k);", "REAL v = +;");
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
