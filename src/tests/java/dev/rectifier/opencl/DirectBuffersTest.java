package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.TestPrecisions;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Direct buffers run in their own memory on a device that shares host memory, in pieces of at most
 * the largest buffer, and on the CPU backend where it has its Java 22 loops, with the contract's
 * bits; a heap buffer or a discrete device's transfer path leaves them to be staged. Tagged
 * contract, so that the Java 25 runs test the CPU backend's loops on buffers' memory too.
 */
@Tag("contract")
class DirectBuffersTest {
  /** 10 000 floats per piece. */
  private static final long SMALL_BUFFER = 40_000;

  private static final int N = 35_003;

  private static OpenClRuntime.Device device() {
    return OpenClRuntime.select(String.valueOf(OpenClRequirement.devices().get(0).index()));
  }

  /**
   * On the CPU backend, every op on direct buffers of both precisions runs in their memory exactly
   * in the runs meant to have its Java 22 loops (the property {@code rectifier.test.segments}, set
   * in the parent pom for the Java 25 run with the Vector API module), with the contract's bits.
   */
  @Test
  void onTheCpuBackendEveryOpRunsInTheirMemoryWhereItHasTheJava22Loops() {
    boolean meant = Boolean.getBoolean("rectifier.test.segments");
    try (CpuBackend cpu = new CpuBackend()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        Object x = Tensors.of(RandomValues.draw(Distribution.MIXED, p, N, 4), p);
        Object dy = Tensors.of(RandomValues.draw(Distribution.MIXED, p, N, 5), p);
        for (Op op : Op.values()) {
          Buffer out = direct(p, N + 3).position(3);
          Buffer dyb = op.isGradient() ? direct(dy) : null;
          assertEquals(meant, cpu.runInPlace(op, direct(x), dyb, out, -0.25f), p + " " + op);
          if (meant) {
            assertContractBits(
                p + " " + op, Expected.of(op, x, op.isGradient() ? dy : null, -0.25f), out);
          }
        }
      }
    }
  }

  @Test
  void everyOpRunsInPlaceInPiecesWithTheContractsBits() {
    float[] x = floats(1);
    float[] dy = floats(2);
    try (OpenClBackend backend =
        OpenClBackend.open(
            device(),
            SMALL_BUFFER,
            KernelSource.activations(),
            OpenClBackend.TransferPath.MAPPED)) {
      for (Op op : Op.values()) {
        FloatBuffer out = direct(new float[N + 3]).position(3);
        FloatBuffer dyb = op.isGradient() ? direct(dy) : null;
        assertTrue(backend.runInPlace(op, direct(x), dyb, out, -0.25f), op + " ran in place");
        assertContractBits(
            op.toString(), Expected.of(op, x, op.isGradient() ? dy : null, -0.25f), out);
      }
    }
  }

  /**
   * {@code out}'s elements from its position have {@code expected}'s bits (float[] or double[]),
   * any NaN for a NaN.
   */
  private static void assertContractBits(String what, Object expected, Buffer out) {
    int n = java.lang.reflect.Array.getLength(expected);
    for (int i = 0; i < n; i++) {
      int at = out.position() + i;
      String where = what + " at " + i;
      if (expected instanceof float[] e) {
        float actual = ((FloatBuffer) out).get(at);
        if (Float.isNaN(e[i])) {
          assertTrue(Float.isNaN(actual), where);
        } else {
          assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(actual), where);
        }
      } else {
        double actual = ((DoubleBuffer) out).get(at);
        double d = ((double[]) expected)[i];
        if (Double.isNaN(d)) {
          assertTrue(Double.isNaN(actual), where);
        } else {
          assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(actual), where);
        }
      }
    }
  }

  @Test
  void heapBuffersAndDiscreteDevicesAreLeftToBeStaged() {
    float[] x = floats(3);
    OpenClRuntime.Device device = device();
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

  /** A direct buffer holding {@code values}, a float[] or a double[]. */
  private static Buffer direct(Object values) {
    if (values instanceof float[] f) {
      return direct(f);
    }
    double[] d = (double[]) values;
    return ((DoubleBuffer) direct(Precision.DOUBLE, d.length)).put(0, d);
  }

  private static Buffer direct(Precision p, int n) {
    ByteBuffer bytes = ByteBuffer.allocateDirect(n * p.bytes()).order(ByteOrder.nativeOrder());
    return p == Precision.FLOAT ? bytes.asFloatBuffer() : bytes.asDoubleBuffer();
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
