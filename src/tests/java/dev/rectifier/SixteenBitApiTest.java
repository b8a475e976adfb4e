package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ShortBuffer;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every form of the 16-bit ops (whole arrays, ranges, in place, heap and direct buffers, device
 * arrays, {@code apply}) on every backend gives the bits of the float op on the widened inputs,
 * rounded once ({@link Precision#widen}, {@link Precision#round}); PReLU gives the float PReLU's
 * weight gradient; device conversions match the array ones; bad arguments are refused by name. The
 * exhaustive proof against the contract's text is in {@code dev.rectifier.half}.
 */
class SixteenBitApiTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();

  private static final int N = 70_001;

  static Stream<Arguments> targets() {
    return Backends.withSixteenBit(BACKENDS.all());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("targets")
  void deviceConversionsMatchTheArrayOnes(Backends.Target t, Precision p) {
    Rectifier r = t.rectifier();
    SplittableRandom rng = new SplittableRandom(5);
    float[] floats = new float[N];
    for (int i = 0; i < N; i++) {
      floats[i] = Float.intBitsToFloat(rng.nextInt());
    }
    short[] expected = new short[N];
    p.round(floats, expected);
    float[] back = new float[N];
    p.widen(expected, back);
    try (DeviceArray f = r.upload(floats);
        DeviceArray h = r.allocate(p, N);
        DeviceArray f2 = r.allocate(Precision.FLOAT, N)) {
      r.convert(f, h);
      r.convert(h, f2);
      short[] got = new short[N];
      h.read(got);
      assertArrayEquals(expected, got, "float to " + p);
      float[] gotBack = new float[N];
      f2.read(gotBack);
      for (int i = 0; i < N; i++) {
        assertEquals(
            Float.floatToRawIntBits(back[i]), Float.floatToRawIntBits(gotBack[i]), "back at " + i);
      }
    }
  }

  @Test
  void badArgumentsAreRefusedByName() {
    Rectifier r = BACKENDS.cpu().rectifier();
    short[] s = new short[4];
    assertEquals(
        "precision must be HALF or BFLOAT16 for short[] elements, was FLOAT",
        assertThrows(IllegalArgumentException.class, () -> r.relu(Precision.FLOAT, s, s))
            .getMessage());
    assertEquals(
        "precision must not be null",
        assertThrows(NullPointerException.class, () -> r.leakyRelu(null, s, s, 1f)).getMessage());
    assertEquals(
        "dy.length 3 differs from x.length 4",
        assertThrows(
                IllegalArgumentException.class,
                () -> r.reluGrad(Precision.HALF, s, new short[3], s))
            .getMessage());
    assertEquals(
        "alpha must be finite, was NaN",
        assertThrows(
                IllegalArgumentException.class,
                () -> r.leakyRelu(Precision.BFLOAT16, s, s, Float.NaN))
            .getMessage());
    assertEquals(
        "precision must be HALF or BFLOAT16 for short[] elements, was DOUBLE",
        assertThrows(
                IllegalArgumentException.class,
                () -> r.prelu(Precision.DOUBLE, s, s, new float[] {1f}, 1))
            .getMessage());
    ShortBuffer b = ShortBuffer.wrap(s);
    assertEquals(
        "precision must be HALF or BFLOAT16 for short[] elements, was FLOAT",
        assertThrows(IllegalArgumentException.class, () -> r.relu(Precision.FLOAT, b, b))
            .getMessage());
    try (DeviceArray f = r.allocate(Precision.FLOAT, 4);
        DeviceArray d = r.allocate(Precision.DOUBLE, 4);
        DeviceArray h = r.allocate(Precision.HALF, 4);
        DeviceArray h3 = r.allocate(Precision.BFLOAT16, 3)) {
      assertEquals(
          "source is a short[] but this DeviceArray holds float",
          assertThrows(IllegalArgumentException.class, () -> f.write(s)).getMessage());
      assertEquals(
          "convert takes a float and a half or bfloat16 DeviceArray, was double to half",
          assertThrows(IllegalArgumentException.class, () -> r.convert(d, h)).getMessage());
      assertEquals(
          "target.length 3 differs from source.length 4",
          assertThrows(IllegalArgumentException.class, () -> r.convert(f, h3)).getMessage());
      assertEquals(
          "weight holds half but the weights of half elements are float",
          assertThrows(IllegalArgumentException.class, () -> r.prelu(h, h, h, 1)).getMessage());
    }
  }
}
