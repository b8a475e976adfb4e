package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.verify.Reference;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 600M floats (2.4 GB) through every backend, every element checked. On a device whose largest
 * buffer is smaller, as PoCL's 2 GiB is, OpenCL runs it in chunks; on one with a larger buffer it
 * runs in one piece and chunking is not exercised (the test does not require either). The heap
 * holds x and y and too little for a third copy, so a full-size copy anywhere on the way would fail
 * with OutOfMemoryError.
 */
@Tag("long")
class HugeArrayTest {
  private static final int N = 600_000_000;
  private static final float ALPHA = 0.25f;
  private static final float[] VALUES = {
    -3.5f,
    2.25f,
    -0.0f,
    0.0f,
    Float.NaN,
    Float.NEGATIVE_INFINITY,
    Float.POSITIVE_INFINITY,
    1e-3f,
    -1e30f,
    7f,
    -1f,
    0.5f,
    -2e-20f,
    3e38f,
    -6f,
    Float.MIN_NORMAL
  };
  @RegisterExtension static final Backends BACKENDS = new Backends();
  private static float[] x = new float[N];
  private static float[] y = new float[N];

  @AfterAll
  static void release() {
    x = null;
    y = null;
  }

  static List<Backends.Target> backends() {
    return BACKENDS.all();
  }

  /** Element {@code i} of x: one of {@link #VALUES}, scattered by a multiplicative hash. */
  private static int pick(int i) {
    return (int) ((i * 0x9E3779B97F4A7C15L) >>> 60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void leakyReluAndItsGradientInPlace(Backends.Target target) {
    long free = Runtime.getRuntime().maxMemory() - 2L * N * Float.BYTES;
    assertTrue(free < (long) N * Float.BYTES, "the heap must have no room for a third copy");
    for (int i = 0; i < N; i++) {
      x[i] = VALUES[pick(i)];
    }
    float[] forward = new float[VALUES.length];
    float[] backward = new float[VALUES.length];
    for (int v = 0; v < VALUES.length; v++) {
      forward[v] = Reference.leakyRelu(VALUES[v], ALPHA);
      backward[v] = Reference.leakyReluGrad(VALUES[v], forward[v], ALPHA);
    }
    Rectifier r = target.rectifier();

    r.leakyRelu(x, y, ALPHA);
    assertEveryElement(target + " leakyRelu", forward, y);
    r.leakyReluGrad(x, y, y, ALPHA);
    assertEveryElement(target + " leakyReluGrad, dx over dy", backward, y);
    assertEveryElement(target + " x unchanged", VALUES, x);
  }

  private static void assertEveryElement(String what, float[] expectedPerValue, float[] actual) {
    for (int i = 0; i < N; i++) {
      float expected = expectedPerValue[pick(i)];
      boolean same =
          Float.isNaN(expected)
              ? Float.isNaN(actual[i])
              : Float.floatToRawIntBits(expected) == Float.floatToRawIntBits(actual[i]);
      if (!same) {
        throw new AssertionError(
            what + ": element " + i + " of " + N + " is " + actual[i] + ", expected " + expected);
      }
    }
  }
}
