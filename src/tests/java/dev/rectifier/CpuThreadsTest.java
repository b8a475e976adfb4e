package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Rectifier#cpu(int)}: the thread limit is checked by name, described, and changes no bit of
 * any op above the CPU backend's parallel threshold, on arrays and on direct buffers.
 */
class CpuThreadsTest {
  private static final int CHANNELS = 7;

  /** Above the CPU backend's parallel threshold, not a multiple of its slices, whole PReLU rows. */
  private static final int N = CHANNELS * 13 * 6_601;

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void lessThanOneThreadIsRefusedByName(int maxThreads) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Rectifier.cpu(maxThreads));
    assertEquals("maxThreads must be at least 1, was " + maxThreads, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 64})
  void aLimitChangesNoBit(int maxThreads) {
    float[] x = values(1);
    float[] dy = values(2);
    float[] weight = {0.25f, -0.5f, 0f, -0f, 3f, Float.MIN_VALUE, -1e-3f};
    try (Rectifier limited = Rectifier.cpu(maxThreads);
        Rectifier common = Rectifier.cpu()) {
      assertTrue(
          limited.describe().contains(maxThreads == 1 ? "1 thread," : " threads,"),
          limited.describe());
      assertSameBits(outputsOf(common, x, dy, weight), outputsOf(limited, x, dy, weight));
    }
  }

  /** relu, leakyReluGrad, prelu, preluGrad's dx and dweight, and leakyRelu on direct buffers. */
  private static float[][] outputsOf(Rectifier r, float[] x, float[] dy, float[] weight) {
    float[] relu = new float[N];
    r.relu(x, relu);
    float[] leakyGrad = new float[N];
    r.leakyReluGrad(x, dy, leakyGrad, -0.375f);
    float[] prelu = new float[N];
    r.prelu(x, prelu, weight, 13);
    float[] dx = new float[N];
    float[] dweight = new float[CHANNELS];
    r.preluGrad(x, dy, dx, weight, 13, dweight);
    FloatBuffer in = direct(N).put(x).flip();
    FloatBuffer out = direct(N);
    r.leakyRelu(in, out, 0.01f);
    float[] buffered = new float[N];
    out.get(buffered);
    return new float[][] {relu, leakyGrad, prelu, dx, dweight, buffered};
  }

  private static void assertSameBits(float[][] expected, float[][] actual) {
    for (int k = 0; k < expected.length; k++) {
      for (int i = 0; i < expected[k].length; i++) {
        int e = Float.floatToRawIntBits(expected[k][i]);
        int a = Float.floatToRawIntBits(actual[k][i]);
        if (e != a) {
          assertEquals(
              Integer.toHexString(e), Integer.toHexString(a), "output " + k + ", element " + i);
        }
      }
    }
  }

  private static FloatBuffer direct(int n) {
    return ByteBuffer.allocateDirect(n * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  private static float[] values(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[N];
    for (int i = 0; i < N; i++) {
      v[i] = (float) (random.nextGaussian() * 100);
    }
    v[5] = Float.NaN;
    v[6] = -0f;
    v[7] = Float.NEGATIVE_INFINITY;
    v[8] = -Float.MIN_VALUE;
    return v;
  }
}
