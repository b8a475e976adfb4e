package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/**
 * Direct buffers run in their own memory on a device that shares host memory, in pieces of at most
 * the largest buffer, with the contract's bits; a heap buffer or a discrete device's transfer path
 * leaves them to be staged.
 */
class DirectBuffersTest {
  /** 10 000 floats per piece. */
  private static final long SMALL_BUFFER = 40_000;

  private static final int N = 35_003;

  private final OpenClRuntime.Device device =
      OpenClRuntime.select(String.valueOf(OpenClRequirement.devices().get(0).index()));

  @Test
  void everyOpRunsInPlaceInPiecesWithTheContractsBits() {
    float[] x = floats(1);
    float[] dy = floats(2);
    try (OpenClBackend backend =
        OpenClBackend.open(
            device, SMALL_BUFFER, KernelSource.activations(), OpenClBackend.TransferPath.MAPPED)) {
      for (Op op : Op.values()) {
        FloatBuffer out = direct(new float[N + 3]).position(3);
        FloatBuffer dyb = op.isGradient() ? direct(dy) : null;
        assertTrue(backend.runInPlace(op, direct(x), dyb, out, -0.25f), op + " ran in place");
        float[] actual = new float[N];
        out.get(3, actual);
        float[] expected = (float[]) Expected.of(op, x, op.isGradient() ? dy : null, -0.25f);
        for (int i = 0; i < N; i++) {
          String where = op + " at " + i + ", x = " + x[i];
          if (Float.isNaN(expected[i])) {
            assertTrue(Float.isNaN(actual[i]), where);
          } else {
            assertEquals(
                Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), where);
          }
        }
      }
    }
  }

  @Test
  void heapBuffersAndDiscreteDevicesAreLeftToBeStaged() {
    float[] x = floats(3);
    try (OpenClBackend mapped =
            OpenClBackend.open(
                device,
                SMALL_BUFFER,
                KernelSource.activations(),
                OpenClBackend.TransferPath.MAPPED);
        OpenClBackend pinned =
            OpenClBackend.open(
                device,
                SMALL_BUFFER,
                KernelSource.activations(),
                OpenClBackend.TransferPath.PINNED)) {
      assertFalse(mapped.runInPlace(Op.RELU, FloatBuffer.wrap(x), null, direct(x), 0));
      assertFalse(pinned.runInPlace(Op.RELU, direct(x), null, direct(x), 0));
    }
  }

  private static FloatBuffer direct(float[] values) {
    FloatBuffer b =
        ByteBuffer.allocateDirect(values.length * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    return b.put(0, values);
  }

  private static float[] floats(long seed) {
    return (float[])
        Tensors.of(
            RandomValues.draw(Distribution.MIXED, Precision.FLOAT, N, seed), Precision.FLOAT);
  }
}
