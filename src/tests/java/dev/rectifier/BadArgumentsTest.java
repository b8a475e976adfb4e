package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.verify.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments on every backend and every public entry point: a clear exception that names the
 * argument and sizes, and the output exactly as it was.
 */
class BadArgumentsTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();
  private static final float[] X = {1, -2, 3, -4};
  private static final float[] DY = {5, 6, 7, 8};
  private static final float[] ORIGINAL = {9, 9, 9, 9};

  static List<Backends.Target> backends() {
    return BACKENDS.all();
  }

  /** Runs {@code call} on a fresh output and checks the exception, its message and the output. */
  private static <T extends Throwable> void assertRejected(
      Class<T> type, String messagePart, float[] out, Executable call) {
    T e = assertThrows(type, call);
    assertTrue(
        e.getMessage().contains(messagePart),
        () -> "message '" + e.getMessage() + "' should contain '" + messagePart + "'");
    assertArrayEquals(ORIGINAL, out, "output must be unchanged");
  }

  /** The three ways into an op: whole arrays, ranges, and apply(Op, ...). */
  enum Form {
    WHOLE,
    RANGE,
    APPLY
  }

  /** A bad call and the exception it must throw. */
  private record Bad(String what, Class<? extends RuntimeException> type, Executable call) {}

  static Stream<Arguments> entryPoints() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target target : BACKENDS.all()) {
      for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
        for (Op op : Op.values()) {
          for (Form form : Form.values()) {
            cases.add(Arguments.of(target, p, op, form));
          }
        }
      }
    }
    return cases.stream();
  }

  /**
   * Every public entry point, every op and precision: null arrays, mismatched lengths, ranges
   * outside an array and non-finite alphas are rejected with the output (and inputs) unchanged.
   */
  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("entryPoints")
  void everyEntryPointRejectsBadArgumentsBeforeWriting(
      Backends.Target target, Precision p, Op op, Form form) {
    Rectifier r = target.rectifier();
    Object x = Tensors.filled(4, -1, p);
    Object dy = op.isGradient() ? Tensors.filled(4, 2, p) : null;
    Object out = Tensors.filled(4, 9, p);
    Object small = Tensors.filled(3, 9, p);
    List<Bad> bad = new ArrayList<>();
    bad.add(
        new Bad("null x", NullPointerException.class, () -> call(form, r, op, null, dy, out, 0)));
    bad.add(
        new Bad("null out", NullPointerException.class, () -> call(form, r, op, x, dy, null, 0)));
    if (op.isGradient()) {
      bad.add(
          new Bad("null dy", NullPointerException.class, () -> call(form, r, op, x, null, out, 0)));
    }
    if (form == Form.RANGE) {
      Class<IndexOutOfBoundsException> oob = IndexOutOfBoundsException.class;
      bad.add(new Bad("x range", oob, () -> Calls.range(r, op, x, 1, dy, 0, out, 0, 4, 0)));
      bad.add(new Bad("out offset", oob, () -> Calls.range(r, op, x, 0, dy, 0, out, -1, 2, 0)));
      bad.add(new Bad("length", oob, () -> Calls.range(r, op, x, 0, dy, 0, out, 0, -1, 0)));
      if (op.isGradient()) {
        bad.add(new Bad("dy range", oob, () -> Calls.range(r, op, x, 0, dy, 2, out, 0, 3, 0)));
      }
    } else {
      Class<IllegalArgumentException> iae = IllegalArgumentException.class;
      bad.add(new Bad("short out", iae, () -> call(form, r, op, x, dy, small, 0)));
      if (op.isGradient()) {
        bad.add(new Bad("short dy", iae, () -> call(form, r, op, x, small, out, 0)));
      }
    }
    if (op.takesAlpha()) {
      for (double alpha :
          new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        bad.add(
            new Bad(
                "alpha " + alpha,
                IllegalArgumentException.class,
                () -> call(form, r, op, x, dy, out, alpha)));
      }
    }
    for (Bad b : bad) {
      assertThrows(b.type(), b.call(), b.what());
      assertTrue(Tensors.sameBits(Tensors.filled(4, 9, p), out, 0, 4), b.what() + ": out changed");
      assertTrue(Tensors.sameBits(Tensors.filled(4, -1, p), x, 0, 4), b.what() + ": x changed");
      assertTrue(Tensors.sameBits(Tensors.filled(3, 9, p), small, 0, 3), b.what() + ": changed");
    }
  }

  /** The call in {@code form}; RANGE covers the whole arrays. */
  private static void call(
      Form form, Rectifier r, Op op, Object x, Object dy, Object out, double alpha) {
    switch (form) {
      case WHOLE -> Calls.whole(r, op, x, dy, out, alpha);
      case APPLY -> Calls.apply(r, op, x, dy, out, alpha);
      case RANGE -> Calls.range(r, op, x, 0, dy, 0, out, 0, 4, alpha);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void nullArraysAreNamed(Backends.Target target) {
    Rectifier r = target.rectifier();
    float[] out = ORIGINAL.clone();
    assertRejected(NullPointerException.class, "x must not be null", out, () -> r.relu(null, out));
    assertRejected(
        NullPointerException.class, "y must not be null", out, () -> r.leakyRelu(X, null, 0.1f));
    assertRejected(
        NullPointerException.class, "dy must not be null", out, () -> r.reluGrad(X, null, out));
    assertRejected(
        NullPointerException.class,
        "dx must not be null",
        out,
        () -> r.leakyReluGrad(X, 0, DY, 0, null, 0, 4, 0.1f));
    assertRejected(
        NullPointerException.class,
        "x must not be null",
        out,
        () -> r.relu((double[]) null, 0, new double[1], 0, 1));
  }

  /** apply on Java arrays names a null op, as apply on device arrays does. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void aNullOpIsNamed(Backends.Target target) {
    Rectifier r = target.rectifier();
    float[] out = ORIGINAL.clone();
    double[] outD = {9, 9};
    List<Executable> calls =
        List.of(
            () -> r.apply(null, X, null, out, 0.1f),
            () -> r.apply(null, new double[] {-1, 2}, null, outD, 0.1));
    for (Executable call : calls) {
      assertEquals(
          "op must not be null", assertThrows(NullPointerException.class, call).getMessage());
    }
    assertArrayEquals(ORIGINAL, out);
    assertArrayEquals(new double[] {9, 9}, outD);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void mismatchedLengthsAreNamedWithSizes(Backends.Target target) {
    Rectifier r = target.rectifier();
    float[] out = ORIGINAL.clone();
    assertRejected(
        IllegalArgumentException.class,
        "y.length 4 differs from x.length 3",
        out,
        () -> r.relu(new float[3], out));
    assertRejected(
        IllegalArgumentException.class,
        "dy.length 2 differs from x.length 4",
        out,
        () -> r.reluGrad(X, new float[2], out));
    assertRejected(
        IllegalArgumentException.class,
        "dx.length 4 differs from x.length 5",
        out,
        () -> r.leakyReluGrad(new float[5], new float[5], out, 0.1f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void rangesOutsideAnArrayAreNamedWithSizes(Backends.Target target) {
    Rectifier r = target.rectifier();
    float[] out = ORIGINAL.clone();
    assertRejected(
        IndexOutOfBoundsException.class,
        "xOffset 2 + length 3 exceeds x.length 4",
        out,
        () -> r.relu(X, 2, out, 0, 3));
    assertRejected(
        IndexOutOfBoundsException.class,
        "yOffset 3 + length 2 exceeds y.length 4",
        out,
        () -> r.leakyRelu(X, 0, out, 3, 2, 0.1f));
    assertRejected(
        IndexOutOfBoundsException.class,
        "dyOffset -1 is negative",
        out,
        () -> r.reluGrad(X, 0, DY, -1, out, 0, 1));
    assertRejected(
        IndexOutOfBoundsException.class,
        "dxOffset 4 + length 1 exceeds dx.length 4",
        out,
        () -> r.leakyReluGrad(X, 0, DY, 0, out, 4, 1, 0.1f));
    assertRejected(
        IndexOutOfBoundsException.class,
        "length -1 is negative",
        out,
        () -> r.relu(X, 0, out, 0, -1));
    assertRejected(
        IndexOutOfBoundsException.class,
        "exceeds x.length 4",
        out,
        () -> r.relu(X, Integer.MAX_VALUE, out, 0, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void nonFiniteAlphaIsRejected(Backends.Target target) {
    Rectifier r = target.rectifier();
    float[] out = ORIGINAL.clone();
    for (float alpha : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      assertRejected(
          IllegalArgumentException.class,
          "alpha must be finite, was " + alpha,
          out,
          () -> r.leakyRelu(X, out, alpha));
      assertRejected(
          IllegalArgumentException.class,
          "alpha must be finite",
          out,
          () -> r.leakyReluGrad(X, DY, out, alpha));
    }
    double[] outD = {9, 9};
    assertThrows(
        IllegalArgumentException.class, () -> r.leakyRelu(new double[] {-1, -2}, outD, Double.NaN));
    assertArrayEquals(new double[] {9, 9}, outD);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void partlyOverlappingRangesOfOneArrayAreRejected(Backends.Target target) {
    Rectifier r = target.rectifier();
    float[] buffer = ORIGINAL.clone();
    assertRejected(
        IllegalArgumentException.class,
        "y range [1, 4) partially overlaps x range [0, 3) of the same array",
        buffer,
        () -> r.relu(buffer, 0, buffer, 1, 3));
    assertRejected(
        IllegalArgumentException.class,
        "dx range [0, 2) partially overlaps dy",
        buffer,
        () -> r.reluGrad(X, 0, buffer, 1, buffer, 0, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void disjointRangesOfOneArrayAreFine(Backends.Target target) {
    float[] buffer = {-1, 2, -3, 4, 0, 0, 0, 0};
    target.rectifier().relu(buffer, 0, buffer, 4, 4);
    assertArrayEquals(new float[] {-1, 2, -3, 4, 0, 2, 0, 4}, buffer);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void emptyInputIsANoOp(Backends.Target target) {
    Rectifier r = target.rectifier();
    r.relu(new float[0], new float[0]);
    r.leakyReluGrad(new double[0], new double[0], new double[0], 0.5);
    float[] out = ORIGINAL.clone();
    r.relu(X, 4, out, 4, 0);
    assertArrayEquals(ORIGINAL, out);
    assertEquals(4, out.length);
  }
}
