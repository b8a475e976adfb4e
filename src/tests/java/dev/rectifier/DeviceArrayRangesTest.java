package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ranges of device arrays on every backend: writes, reads and device copies touch exactly their
 * range (canaries around it keep their bits), and bad ranges are refused, naming the argument,
 * before anything is written.
 */
class DeviceArrayRangesTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();

  private static final int N = 1000;

  static List<Backends.Target> targets() {
    return BACKENDS.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void rangesMoveExactlyTheirElements(Backends.Target t) {
    Rectifier r = t.rectifier();
    float[] model = numbered(N, 0);
    try (DeviceArray a = r.upload(model);
        DeviceArray b = r.upload(numbered(N, 5000))) {
      float[] source = numbered(100, -1000);
      a.write(source, 10, 300, 50); // source[10, 60) into a[300, 350)
      System.arraycopy(source, 10, model, 300, 50);
      assertArrayEquals(model, readAll(a), "after a ranged write");

      float[] target = numbered(80, 9999);
      float[] expected = target.clone();
      a.read(target, 7, 290, 70); // a[290, 360) into target[7, 77)
      System.arraycopy(model, 290, expected, 7, 70);
      assertArrayEquals(expected, target, "a ranged read, with canaries around it");

      float[] modelB = numbered(N, 5000);
      a.copyTo(295, b, 900, 100); // a[295, 395) into b[900, 1000)
      System.arraycopy(model, 295, modelB, 900, 100);
      a.copyTo(0, a, 500, 400); // within one array, not overlapping
      System.arraycopy(model, 0, model, 500, 400);
      r.finish();
      assertArrayEquals(modelB, readAll(b), "after a copy into another array");
      assertArrayEquals(model, readAll(a), "after a copy within the array");
    }
    double[] doubles = {1, -2, 3, -4};
    try (DeviceArray d = r.allocate(Precision.DOUBLE, 4)) {
      d.write(doubles, 1, 2, 2);
      double[] back = new double[4];
      d.read(back, 0, 0, 4);
      assertArrayEquals(new double[] {0, 0, -2, 3}, back, "a double range");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void badRangesAreRefusedNamingTheArgumentAndWriteNothing(Backends.Target t) {
    Rectifier r = t.rectifier();
    float[] model = numbered(N, 0);
    try (DeviceArray a = r.upload(model);
        DeviceArray other = r.allocate(Precision.DOUBLE, N);
        Rectifier elsewhere = t.reopen();
        DeviceArray foreign = elsewhere.allocate(Precision.FLOAT, N)) {
      float[] small = new float[10];
      refused(IndexOutOfBoundsException.class, () -> a.write(small, 5, 0, 6), "sourceOffset 5");
      refused(IndexOutOfBoundsException.class, () -> a.write(small, 0, 995, 10), "to 995");
      refused(IndexOutOfBoundsException.class, () -> a.write(small, -1, 0, 1), "sourceOffset -1");
      refused(IllegalArgumentException.class, () -> a.write(small, 0, 0, -1), "length must not");
      refused(NullPointerException.class, () -> a.write((float[]) null, 0, 0, 1), "source");
      refused(IllegalArgumentException.class, () -> a.write(new double[10], 0, 0, 1), "double[]");
      refused(IndexOutOfBoundsException.class, () -> a.read(small, 0, 999, 2), "from 999");
      refused(IndexOutOfBoundsException.class, () -> a.read(small, 9, 0, 2), "targetOffset 9");
      refused(IllegalArgumentException.class, () -> a.copyTo(0, a, 10, 20), "overlap");
      refused(IndexOutOfBoundsException.class, () -> a.copyTo(990, a, 0, 20), "from 990");
      refused(IndexOutOfBoundsException.class, () -> a.copyTo(0, a, 990, 20), "targetOffset 990");
      refused(IllegalArgumentException.class, () -> a.copyTo(0, other, 0, 1), "target holds");
      refused(IllegalArgumentException.class, () -> a.copyTo(0, foreign, 0, 1), "another Rect");
      refused(NullPointerException.class, () -> a.copyTo(0, null, 0, 1), "target");
      r.finish();
      assertArrayEquals(model, readAll(a), "nothing was written");
    }
  }

  private static void refused(Class<? extends Throwable> type, Executable call, String part) {
    Throwable e = assertThrows(type, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  private static float[] readAll(DeviceArray a) {
    float[] all = new float[a.length()];
    a.read(all);
    return all;
  }

  /** {@code start, start + 1, ...}, distinct from any other range's values. */
  private static float[] numbered(int n, int start) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = start + i;
    }
    return values;
  }
}
