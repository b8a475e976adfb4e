package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Device-resident arrays on every backend: exact results, chains, in place, and bad arguments. */
class DeviceArrayTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();
  @RegisterExtension static final RandomTensors RANDOM = new RandomTensors();

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        for (Op op : Op.values()) {
          for (int size : new int[] {1, 13, 4099, 300_007}) {
            cases.add(Arguments.of(t, p, op, size));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} n={3}")
  @MethodSource("cases")
  void opsOnDeviceArraysMatchTheContract(Backends.Target t, Precision p, Op op, int size) {
    Rectifier r = t.rectifier();
    double alpha = op.takesAlpha() ? 0.125 : 0;
    Object x = RANDOM.get(Distribution.MIXED, p, size, 1);
    Object dy = op.isGradient() ? RANDOM.get(Distribution.MIXED, p, size, 2) : null;
    Object expected = Expected.of(op, x, dy, alpha);
    Object flushing = Expected.flushing(t.mayFlush(p), op, x, dy, alpha);
    try (DeviceArray dx = upload(r, x);
        DeviceArray ddy = dy == null ? null : upload(r, dy);
        DeviceArray out = r.allocate(p, size)) {
      r.apply(op, dx, ddy, out, alpha);
      assertSame(t + " " + op, expected, flushing, out);
      // In place: the output over x for forward ops, over dy for gradients.
      DeviceArray target = op.isGradient() ? ddy : dx;
      r.apply(op, dx, ddy, target, alpha);
      assertSame(t + " " + op + " in place", expected, flushing, target);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void aChainOnDeviceArraysEqualsTheSameChainOnJavaArrays(Backends.Target t) {
    Rectifier r = t.rectifier();
    float[] x = (float[]) RANDOM.get(Distribution.NORMAL, Precision.FLOAT, 100_003, 3);
    float[] dy = (float[]) RANDOM.get(Distribution.NORMAL, Precision.FLOAT, 100_003, 4);
    float[] y = new float[x.length];
    float[] dx = dy.clone();
    r.leakyRelu(x, y, 0.2f);
    r.relu(y, y);
    r.leakyReluGrad(y, dx, dx, 0.2f);
    try (DeviceArray dX = r.upload(x);
        DeviceArray dY = r.allocate(Precision.FLOAT, x.length);
        DeviceArray dDx = r.upload(dy)) {
      r.leakyRelu(dX, dY, 0.2);
      r.relu(dY, dY);
      r.leakyReluGrad(dY, dDx, dDx, 0.2);
      float[] yBack = new float[x.length];
      float[] dxBack = new float[x.length];
      dY.read(yBack);
      dDx.read(dxBack);
      BitAssert.assertSameBits("y", y, null, yBack, 0, y.length, i -> "i=" + i);
      BitAssert.assertSameBits("dx", dx, null, dxBack, 0, dx.length, i -> "i=" + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void allocateGivesZerosAndLengthZeroWorks(Backends.Target t) {
    Rectifier r = t.rectifier();
    try (DeviceArray a = r.allocate(Precision.DOUBLE, 1000);
        DeviceArray empty = r.allocate(Precision.FLOAT, 0)) {
      double[] back = new double[1000];
      java.util.Arrays.fill(back, 5);
      a.read(back);
      assertTrue(java.util.Arrays.stream(back).allMatch(v -> Double.doubleToRawLongBits(v) == 0));
      r.relu(empty, empty);
      empty.read(new float[0]);
      assertEquals(0, empty.length());
      assertEquals(Precision.DOUBLE, a.precision());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void timesAreReportedOnlyByOpenClDevices(Backends.Target t) {
    Rectifier r = t.rectifier();
    try (DeviceArray x = r.upload(new float[1 << 16]);
        DeviceArray y = r.allocate(Precision.FLOAT, 1 << 16)) {
      boolean device = t.device() != null;
      assertEquals(device, r.timing().kernel(Op.RELU, x, null, y, 0).isPresent());
      assertEquals(device, r.timing().copy(x, y).isPresent());
      r.timing()
          .kernel(Op.RELU, x, null, y, 0)
          .ifPresent(ns -> assertTrue(ns > 0, "kernel ns " + ns));
      r.timing().copy(x, y).ifPresent(ns -> assertTrue(ns > 0, "copy ns " + ns));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void timingRunsTheOpAndTheCopyOnEveryBackend(Backends.Target t) {
    Rectifier r = t.rectifier();
    try (DeviceArray x = r.upload(new float[] {-1, 2, -0f, 4});
        DeviceArray y = r.allocate(Precision.FLOAT, 4);
        DeviceArray z = r.allocate(Precision.FLOAT, 4)) {
      r.timing().kernel(Op.LEAKY_RELU, x, null, y, 0.5);
      float[] out = new float[4];
      y.read(out);
      assertArrayEquals(new float[] {-0.5f, 2, -0f, 4}, out);
      r.timing().copy(y, z);
      z.read(out);
      assertArrayEquals(new float[] {-0.5f, 2, -0f, 4}, out);
    }
  }

  @Test
  void badArgumentsAreRejectedWithTheirNames() {
    Rectifier r = BACKENDS.cpu().rectifier();
    try (Rectifier other = Rectifier.cpu();
        DeviceArray x = r.upload(new float[] {-1, 2});
        DeviceArray y = r.allocate(Precision.FLOAT, 2);
        DeviceArray shorter = r.allocate(Precision.FLOAT, 1);
        DeviceArray wide = r.allocate(Precision.DOUBLE, 2);
        DeviceArray foreign = other.allocate(Precision.FLOAT, 2)) {
      assertMessage("y must not be null", NullPointerException.class, () -> r.relu(x, null));
      assertMessage(
          "dy must not be null", NullPointerException.class, () -> r.reluGrad(x, null, y));
      assertMessage(
          "y.length 1 differs from x.length 2",
          IllegalArgumentException.class,
          () -> r.relu(x, shorter));
      assertMessage(
          "y holds double but x holds float",
          IllegalArgumentException.class,
          () -> r.relu(x, wide));
      assertMessage(
          "alpha must be finite, was NaN",
          IllegalArgumentException.class,
          () -> r.leakyRelu(x, y, Double.NaN));
      assertMessage(
          "dy must be null for RELU",
          IllegalArgumentException.class,
          () -> r.apply(Op.RELU, x, y, y, 0));
      assertMessage(
          "x was made by another Rectifier",
          IllegalArgumentException.class,
          () -> other.relu(x, y));
      assertMessage(
          "source was made by another Rectifier",
          IllegalArgumentException.class,
          () -> other.timing().copy(x, y));
      assertMessage(
          "y was made by another Rectifier (DeviceArray[float x 2 on CPU",
          IllegalArgumentException.class,
          () -> r.relu(x, foreign));
      assertMessage(
          "dy was made by another Rectifier",
          IllegalArgumentException.class,
          () -> r.reluGrad(x, foreign, y));
      assertMessage(
          "target was made by another Rectifier",
          IllegalArgumentException.class,
          () -> r.timing().copy(x, foreign));
      assertMessage(
          "target must not be source", IllegalArgumentException.class, () -> r.timing().copy(x, x));
      assertMessage(
          "target.length 1 differs from source.length 2",
          IllegalArgumentException.class,
          () -> r.timing().copy(x, shorter));
      assertMessage(
          "source.length 3 differs from the DeviceArray's length 2",
          IllegalArgumentException.class,
          () -> x.write(new float[3]));
      assertMessage(
          "target is a double[] but this DeviceArray holds float",
          IllegalArgumentException.class,
          () -> x.read(new double[2]));
      assertMessage(
          "length must not be negative",
          IllegalArgumentException.class,
          () -> r.allocate(Precision.FLOAT, -1));
      float[] back = new float[2];
      y.read(back);
      assertEquals(0f, back[0] + back[1], "nothing was written to y");
    }
  }

  /**
   * A float op on device arrays runs with {@code (float) alpha}: an alpha finite as a double but
   * not as a float is rejected, not run as an infinite slope.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void floatOpsRejectAnAlphaThatIsNotFiniteAsAFloat(Backends.Target t) {
    Rectifier r = t.rectifier();
    try (DeviceArray x = r.upload(new float[] {-1, 2});
        DeviceArray dy = r.upload(new float[] {3, 4});
        DeviceArray out = r.upload(new float[] {9, 9})) {
      for (double alpha : new double[] {1e39, -1e39, 3.5e38, 1e300}) {
        assertMessage("alpha", IllegalArgumentException.class, () -> r.leakyRelu(x, out, alpha));
        assertMessage(
            "alpha", IllegalArgumentException.class, () -> r.leakyReluGrad(x, dy, out, alpha));
        assertMessage(
            "alpha",
            IllegalArgumentException.class,
            () -> r.timing().kernel(Op.LEAKY_RELU, x, null, out, alpha));
      }
      float[] back = new float[2];
      out.read(back);
      assertEquals(List.of(9f, 9f), List.of(back[0], back[1]), "out is unchanged");
      r.leakyRelu(x, out, Float.MAX_VALUE);
      out.read(back);
      assertEquals(List.of(-Float.MAX_VALUE, 2f), List.of(back[0], back[1]));
    }
  }

  @Test
  void closedArraysAndRectifiersSayso() {
    Rectifier r = Rectifier.cpu();
    DeviceArray x = r.upload(new float[] {1});
    DeviceArray y = r.allocate(Precision.FLOAT, 1);
    y.close();
    y.close();
    assertMessage("this DeviceArray is closed", IllegalStateException.class, () -> r.relu(x, y));
    assertMessage(
        "this DeviceArray is closed", IllegalStateException.class, () -> y.read(new float[1]));
    r.close();
    assertMessage("this Rectifier is closed", IllegalStateException.class, () -> r.relu(x, x));
    assertMessage(
        "this Rectifier is closed", IllegalStateException.class, () -> x.read(new float[1]));
    assertMessage(
        "this Rectifier is closed",
        IllegalStateException.class,
        () -> r.allocate(Precision.FLOAT, 1));
  }

  static Stream<Backends.Target> targets() {
    return BACKENDS.all().stream();
  }

  private static DeviceArray upload(Rectifier r, Object array) {
    return array instanceof double[] d ? r.upload(d) : r.upload((float[]) array);
  }

  private static void assertSame(String what, Object expected, Object flushing, DeviceArray a) {
    Object actual = Tensors.filled(a.length(), -99, a.precision());
    if (actual instanceof double[] d) {
      a.read(d);
    } else {
      a.read((float[]) actual);
    }
    BitAssert.assertSameBits(what, expected, flushing, actual, 0, a.length(), i -> "i=" + i);
  }

  private static void assertMessage(
      String part,
      Class<? extends Throwable> type,
      org.junit.jupiter.api.function.Executable call) {
    Throwable e = assertThrows(type, call);
    assertTrue(
        e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
  }
}
