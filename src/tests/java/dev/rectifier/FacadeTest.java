package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.PreluMemories;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the facade hands to a backend, watched through a recording backend. */
class FacadeTest {
  /** Records requests; supports float only, like an OpenCL device without cl_khr_fp64. */
  private static final class RecordingBackend implements Backend {
    final List<Request> requests = new ArrayList<>();
    final List<PreluRequest> prelus = new ArrayList<>();
    int closes;

    @Override
    public String describe() {
      return "recording";
    }

    @Override
    public boolean supports(Precision precision) {
      return precision == Precision.FLOAT;
    }

    @Override
    public void run(Request request) {
      requests.add(request);
    }

    @Override
    public void prelu(PreluRequest request) {
      prelus.add(request);
    }

    @Override
    public OptionalLong prelu(PreluMemories m, boolean timed) {
      throw new UnsupportedOperationException("these tests use Java arrays only");
    }

    @Override
    public DeviceMemory allocate(Precision precision, int length) {
      throw new UnsupportedOperationException("these tests use Java arrays only");
    }

    @Override
    public void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
      throw new UnsupportedOperationException("these tests use Java arrays only");
    }

    @Override
    public OptionalLong timeCopy(DeviceMemory source, DeviceMemory target) {
      throw new UnsupportedOperationException("these tests use Java arrays only");
    }

    @Override
    public void close() {
      closes++;
    }
  }

  @Test
  void emptyInputAndBadArgumentsNeverReachTheBackend() {
    RecordingBackend backend = new RecordingBackend();
    try (Rectifier r = new Rectifier(backend, "test")) {
      r.relu(new float[0], new float[0]);
      r.leakyRelu(new float[5], 2, new float[5], 1, 0, 0.5f);
      assertThrows(IllegalArgumentException.class, () -> r.relu(new float[2], new float[3]));
      assertThrows(
          IllegalArgumentException.class, () -> r.leakyRelu(new float[2], new float[2], Float.NaN));
    }
    assertTrue(backend.requests.isEmpty(), () -> "reached the backend: " + backend.requests);
  }

  @Test
  void rangesReachTheBackendAsGiven() {
    RecordingBackend backend = new RecordingBackend();
    float[] x = new float[10];
    float[] dy = new float[10];
    float[] dx = new float[10];
    try (Rectifier r = new Rectifier(backend, "test")) {
      r.leakyReluGrad(x, 1, dy, 2, dx, 3, 4, 0.25f);
    }
    assertEquals(
        List.of(new FloatRequest(Op.LEAKY_RELU_GRAD, x, 1, dy, 2, dx, 3, 4, 0.25f)),
        backend.requests);
  }

  @Test
  void applyIsTheTypedCallChosenAtRunTime() {
    RecordingBackend backend = new RecordingBackend();
    float[] x = new float[4];
    float[] dy = new float[4];
    float[] dx = new float[4];
    try (Rectifier r = new Rectifier(backend, "test")) {
      r.apply(Op.LEAKY_RELU_GRAD, x, dy, dx, 0.5f);
      r.leakyReluGrad(x, dy, dx, 0.5f);
      r.apply(Op.RELU, x, null, dx, 0);
      r.relu(x, dx);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> r.apply(Op.RELU, x, dy, dx, 0));
      assertEquals("dy must be null for RELU, which reads no gradient", e.getMessage());
    }
    assertEquals(4, backend.requests.size());
    assertEquals(backend.requests.get(0), backend.requests.get(1));
    assertEquals(backend.requests.get(2), backend.requests.get(3));
  }

  @Test
  void doublesGoToTheCpuBackendWhenTheDeviceLacksFp64() {
    RecordingBackend backend = new RecordingBackend();
    double[] y = new double[2];
    try (Rectifier r = new Rectifier(backend, "test")) {
      r.leakyRelu(new double[] {-2, 3}, y, 0.5);
    }
    assertTrue(backend.requests.isEmpty());
    assertEquals(List.of(-1.0, 3.0), List.of(y[0], y[1]));
  }

  @Test
  void closeIsIdempotentAndLaterCallsThrow() {
    RecordingBackend backend = new RecordingBackend();
    Rectifier r = new Rectifier(backend, "test");
    r.close();
    r.close();
    assertEquals(1, backend.closes);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> r.relu(new float[1], new float[1]));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
