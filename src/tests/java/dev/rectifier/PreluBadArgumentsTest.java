package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PReLU's bad arguments on every backend, on Java arrays and device arrays: each is refused with
 * the exception and message the API promises, naming the argument, and nothing is written.
 */
class PreluBadArgumentsTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();

  /** A bad call: what it passes, and the exception and message it must get. */
  record Bad(
      String name,
      float[] x,
      float[] dy,
      float[] out,
      float[] weight,
      int inner,
      float[] dweight,
      Class<? extends RuntimeException> type,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Bad> bad() {
    float[] x = {1, -2, 3, -4, 5, -6};
    float[] dy = {1, 1, 1, 1, 1, 1};
    float[] out = new float[6];
    float[] w = {0.5f, 2};
    float[] dw = new float[2];
    List<Bad> bad = new ArrayList<>();
    bad.add(
        new Bad(
            "null x", null, dy, out, w, 1, dw, NullPointerException.class, "x must not be null"));
    bad.add(
        new Bad(
            "null dy", x, null, out, w, 1, dw, NullPointerException.class, "dy must not be null"));
    bad.add(
        new Bad(
            "null dx", x, dy, null, w, 1, dw, NullPointerException.class, "dx must not be null"));
    bad.add(
        new Bad(
            "null weight",
            x,
            dy,
            out,
            null,
            1,
            dw,
            NullPointerException.class,
            "weight must not be null"));
    bad.add(
        new Bad(
            "null dweight",
            x,
            dy,
            out,
            w,
            1,
            null,
            NullPointerException.class,
            "dweight must not be null"));
    bad.add(
        new Bad(
            "empty weight",
            x,
            dy,
            out,
            new float[0],
            1,
            new float[0],
            IllegalArgumentException.class,
            "weight must not be empty"));
    bad.add(
        new Bad(
            "inner 0",
            x,
            dy,
            out,
            w,
            0,
            dw,
            IllegalArgumentException.class,
            "inner must be positive, was 0"));
    bad.add(
        new Bad(
            "inner -3",
            x,
            dy,
            out,
            w,
            -3,
            dw,
            IllegalArgumentException.class,
            "inner must be positive, was -3"));
    bad.add(
        new Bad(
            "not a multiple",
            x,
            dy,
            out,
            w,
            2,
            dw,
            IllegalArgumentException.class,
            "x.length 6 is not a multiple of weight.length 2 × inner 2 = 4"));
    bad.add(
        new Bad(
            "channels times inner overflows an int",
            x,
            dy,
            out,
            w,
            1 << 30,
            dw,
            IllegalArgumentException.class,
            "x.length 6 is not a multiple of weight.length 2 × inner 1073741824 = 2147483648"));
    bad.add(
        new Bad(
            "dy too short",
            x,
            new float[5],
            out,
            w,
            1,
            dw,
            IllegalArgumentException.class,
            "dy.length 5 differs from x.length 6"));
    bad.add(
        new Bad(
            "dx too long",
            x,
            dy,
            new float[7],
            w,
            1,
            dw,
            IllegalArgumentException.class,
            "dx.length 7 differs from x.length 6"));
    bad.add(
        new Bad(
            "dweight too short",
            x,
            dy,
            out,
            w,
            1,
            new float[1],
            IllegalArgumentException.class,
            "dweight.length 1 differs from weight.length 2 (the channel count)"));
    float[] same = new float[6];
    bad.add(
        new Bad(
            "dx is weight",
            x,
            dy,
            same,
            new float[6],
            1,
            new float[6],
            IllegalArgumentException.class,
            null));
    float[] w6 = {1, 2, 3, 4, 5, 6};
    bad.add(
        new Bad(
            "dx is weight (same array)",
            x,
            dy,
            w6,
            w6,
            1,
            new float[6],
            IllegalArgumentException.class,
            "dx must not be weight"));
    bad.add(
        new Bad(
            "dweight is weight",
            x,
            dy,
            out,
            w,
            1,
            w,
            IllegalArgumentException.class,
            "dweight must not be weight"));
    float[] six = new float[6];
    bad.add(
        new Bad(
            "dweight is x",
            six,
            dy,
            out,
            new float[6],
            1,
            six,
            IllegalArgumentException.class,
            "dweight must not be x"));
    bad.add(
        new Bad(
            "dweight is dy",
            x,
            six,
            out,
            new float[6],
            1,
            six,
            IllegalArgumentException.class,
            "dweight must not be dy"));
    bad.add(
        new Bad(
            "dweight is dx",
            x,
            dy,
            six,
            new float[6],
            1,
            six,
            IllegalArgumentException.class,
            "dweight must not be dx"));
    bad.removeIf(b -> b.message() == null);
    return bad;
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Bad b : bad()) {
        cases.add(Arguments.of(t, b));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void gradientOnJavaArrays(Backends.Target t, Bad b) {
    assertRefused(
        b,
        () -> t.rectifier().preluGrad(b.x(), b.dy(), b.out(), b.weight(), b.inner(), b.dweight()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void forwardOnJavaArrays(Backends.Target t, Bad b) {
    if (b.dy() == null
        || b.dweight() == null
        || b.message().contains("dweight")
        || b.message().startsWith("dy")) {
      return; // the forward op takes neither
    }
    String message = b.message().replace("dx", "y");
    assertRefused(
        new Bad(b.name(), b.x(), null, b.out(), b.weight(), b.inner(), null, b.type(), message),
        () -> t.rectifier().prelu(b.x(), b.out(), b.weight(), b.inner()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void gradientOnDeviceArrays(Backends.Target t, Bad b) {
    Rectifier r = t.rectifier();
    List<DeviceArray> made = new ArrayList<>();
    java.util.Map<float[], DeviceArray> uploaded = new java.util.IdentityHashMap<>();
    java.util.function.Function<float[], DeviceArray> on =
        a -> {
          if (a == null) {
            return null;
          }
          return uploaded.computeIfAbsent(
              a,
              k -> {
                DeviceArray d = r.upload(k);
                made.add(d);
                return d;
              });
        };
    try {
      DeviceArray x = on.apply(b.x());
      DeviceArray dy = on.apply(b.dy());
      DeviceArray out = on.apply(b.out());
      DeviceArray w = on.apply(b.weight());
      DeviceArray dw = on.apply(b.dweight());
      float[][] before = new float[made.size()][];
      for (int i = 0; i < made.size(); i++) {
        before[i] = read(made.get(i));
      }
      RuntimeException e =
          assertThrows(b.type(), () -> r.preluGrad(x, dy, out, w, b.inner(), dw), b.name());
      assertEquals(
          b.message(),
          e.getMessage().substring(0, Math.min(e.getMessage().length(), b.message().length())));
      for (int i = 0; i < made.size(); i++) {
        assertArrayEquals(before[i], read(made.get(i)), b.name() + ": an array was written");
      }
    } finally {
      made.forEach(DeviceArray::close);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targetsOnly")
  void deviceArraysOfAnotherPrecisionOrRectifier(Backends.Target t) {
    Rectifier r = t.rectifier();
    try (DeviceArray x = r.upload(new float[6]);
        DeviceArray y = r.upload(new float[6]);
        DeviceArray wd = r.upload(new double[2]);
        Rectifier other = Rectifier.cpu();
        DeviceArray foreign = other.upload(new float[2])) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> r.prelu(x, y, wd, 1));
      assertEquals("weight holds double but x holds float", e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> r.prelu(x, y, foreign, 1));
      assertEquals(
          true, e.getMessage().startsWith("weight was made by another Rectifier"), e.getMessage());
      NullPointerException n =
          assertThrows(NullPointerException.class, () -> r.prelu(x, null, foreign, 1));
      assertEquals("y must not be null", n.getMessage());
    }
  }

  static List<Backends.Target> targetsOnly() {
    return BACKENDS.all();
  }

  private static float[] read(DeviceArray a) {
    float[] data = new float[a.length()];
    a.read(data);
    return data;
  }

  /** The call throws the expected exception and message and leaves every array as it was. */
  private static void assertRefused(Bad b, Executable call) {
    float[][] arrays = {b.x(), b.dy(), b.out(), b.weight(), b.dweight()};
    float[][] before = new float[arrays.length][];
    for (int i = 0; i < arrays.length; i++) {
      before[i] = arrays[i] == null ? null : arrays[i].clone();
    }
    RuntimeException e = assertThrows(b.type(), call, b.name());
    assertEquals(
        b.message(),
        e.getMessage().substring(0, Math.min(e.getMessage().length(), b.message().length())),
        b.name() + ": " + e.getMessage());
    for (int i = 0; i < arrays.length; i++) {
      assertArrayEquals(before[i], arrays[i], b.name() + ": " + Arrays.toString(arrays[i]));
    }
  }
}
