package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.calls.BufferCall;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ops on java.nio buffers, direct and heap, on every backend: each reads and writes its buffers
 * from position to limit only (canaries around keep their bits, positions stay), in place too, with
 * the contract's bits; bad buffers are refused, naming the argument, with nothing written. Tagged
 * contract, so that the Java 25 runs test the CPU backend's loops on buffers' memory too.
 */
@Tag("contract")
class BufferOpsTest {
  @RegisterExtension static final Backends BACKENDS = new Backends();

  /** Past one staged chunk of a device, so a direct buffer runs in two (in 17 on the CPU). */
  private static final int N = BufferCall.DEVICE_CHUNK + 4099;

  /** Elements before the position and after the limit of every buffer. */
  private static final int CANARIES = 7;

  private static final float CANARY = 12345.5f;

  enum Kind {
    HEAP,
    DIRECT,
    READ_ONLY_INPUT_DIRECT_OUTPUT
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Backends.Target t : BACKENDS.all()) {
      for (Kind kind : Kind.values()) {
        for (Op op : Op.values()) {
          cases.add(Arguments.of(t, kind, op));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void opsOnBuffersMatchTheContractBetweenPositionAndLimit(Backends.Target t, Kind kind, Op op) {
    float[] x = floats(1);
    float[] dy = floats(2);
    float alpha = 0.125f;
    float[] expected = (float[]) Expected.of(op, x, op.isGradient() ? dy : null, alpha);
    FloatBuffer xb = input(x, kind);
    FloatBuffer dyb = input(dy, kind);
    FloatBuffer out = buffer(new float[N], kind != Kind.HEAP);
    apply(t.rectifier(), op, xb, op.isGradient() ? dyb : null, out, alpha);

    assertEquals(CANARIES, out.position(), "the position is left as it was");
    assertEquals(CANARIES, xb.position());
    float[] all = new float[N + 2 * CANARIES];
    out.duplicate().clear().get(0, all);
    for (int i = 0; i < CANARIES; i++) {
      assertEquals(CANARY, all[i], "canary before the position");
      assertEquals(CANARY, all[CANARIES + N + i], "canary after the limit");
    }
    float[] actual = new float[N];
    System.arraycopy(all, CANARIES, actual, 0, N);
    BitAssert.assertSameBits(
        t + " " + kind + " " + op,
        expected,
        t.mayFlush(Precision.FLOAT)
            ? Expected.flushing(true, op, x, op.isGradient() ? dy : null, alpha)
            : null,
        actual,
        0,
        N,
        i -> "x = " + x[i]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void inPlaceOnOneBufferAndDoubles(Backends.Target t) {
    float[] x = floats(3);
    FloatBuffer b = buffer(x, true);
    t.rectifier().leakyRelu(b, b, -0.5f);
    float[] actual = new float[N];
    b.get(CANARIES, actual);
    BitAssert.assertSameBits(
        "in place", Expected.of(Op.LEAKY_RELU, x, null, -0.5f), null, actual, 0, N, i -> "x");

    double[] d = {-2, 3, Double.NaN, -0.0};
    DoubleBuffer db = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    db.put(d).flip();
    DoubleBuffer dout = DoubleBuffer.allocate(4);
    t.rectifier().relu(db, dout);
    assertArrayEquals(new double[] {0, 3, Double.NaN, 0}, dout.array());
  }

  /**
   * The CPU backend runs buffers without a Java array (direct, read-only) on their own memory
   * exactly in the runs meant to have its Java 22 loops for that (the property {@code
   * rectifier.test.segments}, set in the parent pom for the Java 25 run with the Vector API
   * module), with the contract's bits; else, and for heap buffers, it leaves them to be staged.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Kind.class)
  void theCpuBackendRunsBuffersWithoutArraysOnTheirMemoryWhereItHasTheJava22Loops(Kind kind) {
    float[] x = floats(4);
    float[] dy = floats(5);
    FloatBuffer out = buffer(new float[N], kind != Kind.HEAP);
    boolean ran;
    try (CpuBackend cpu = new CpuBackend()) {
      ran =
          cpu.runInPlace(
              Precision.FLOAT, Op.LEAKY_RELU_GRAD, input(x, kind), input(dy, kind), out, -0.5f);
    }
    boolean meant = kind != Kind.HEAP && Boolean.getBoolean("rectifier.test.segments");
    assertEquals(meant, ran, kind + " ran on the buffers' memory");
    if (ran) {
      float[] actual = new float[N];
      out.get(CANARIES, actual);
      BitAssert.assertSameBits(
          "on the buffers' memory",
          Expected.of(Op.LEAKY_RELU_GRAD, x, dy, -0.5f),
          null,
          actual,
          0,
          N,
          i -> "x = " + x[i]);
    }
  }

  static List<Backends.Target> targets() {
    return BACKENDS.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void badBuffersAreRefusedNamingTheArgumentAndNothingIsWritten(Backends.Target t) {
    Rectifier r = t.rectifier();
    FloatBuffer x = FloatBuffer.wrap(new float[] {-1, 2, -3, 4});
    float[] target = {9, 9, 9, 9};
    FloatBuffer y = FloatBuffer.wrap(target);
    FloatBuffer bigEndian =
        ByteBuffer.allocateDirect(16).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
    refused(() -> r.relu(bigEndian, y), "x is in BIG_ENDIAN byte order");
    DoubleBuffer bigEndianDoubles =
        ByteBuffer.allocateDirect(32).order(ByteOrder.BIG_ENDIAN).asDoubleBuffer();
    refused(
        () -> r.relu(DoubleBuffer.allocate(4), bigEndianDoubles),
        "y is in BIG_ENDIAN byte order, not the native "
            + ByteOrder.nativeOrder()
            + " (ByteBuffer.order(ByteOrder.nativeOrder()) before asDoubleBuffer())");
    refused(() -> r.relu(x, x.asReadOnlyBuffer()), "y is a read-only buffer");
    refused(
        () -> r.relu(x, FloatBuffer.allocate(3)), "y.remaining() 3 differs from x.remaining() 4");
    refused(() -> r.reluGrad(x, FloatBuffer.allocate(5), y), "dy.remaining() 5");
    float[] shared = new float[8];
    refused(
        () -> r.relu(FloatBuffer.wrap(shared, 0, 4), FloatBuffer.wrap(shared, 2, 4)),
        "y partially overlaps x");
    refused(() -> r.leakyRelu(x, y, Float.NaN), "alpha must be finite");
    assertThrows(NullPointerException.class, () -> r.relu((FloatBuffer) null, y));
    assertArrayEquals(new float[] {9, 9, 9, 9}, target, "nothing was written");
  }

  private static void refused(Executable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  private static void apply(
      Rectifier r, Op op, FloatBuffer x, FloatBuffer dy, FloatBuffer out, float a) {
    switch (op) {
      case RELU -> r.relu(x, out);
      case RELU_GRAD -> r.reluGrad(x, dy, out);
      case LEAKY_RELU -> r.leakyRelu(x, out, a);
      case LEAKY_RELU_GRAD -> r.leakyReluGrad(x, dy, out, a);
    }
  }

  private static FloatBuffer input(float[] values, Kind kind) {
    return switch (kind) {
      case HEAP -> buffer(values, false);
      case DIRECT -> buffer(values, true);
      case READ_ONLY_INPUT_DIRECT_OUTPUT -> buffer(values, false).asReadOnlyBuffer();
    };
  }

  /** {@code values} between canaries, with the position and limit around them. */
  private static FloatBuffer buffer(float[] values, boolean direct) {
    int capacity = values.length + 2 * CANARIES;
    FloatBuffer b =
        direct
            ? ByteBuffer.allocateDirect(capacity * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer()
            : FloatBuffer.allocate(capacity);
    for (int i = 0; i < capacity; i++) {
      b.put(i, CANARY);
    }
    b.put(CANARIES, values);
    return b.position(CANARIES).limit(CANARIES + values.length);
  }

  private static float[] floats(long seed) {
    return (float[])
        Tensors.of(
            RandomValues.draw(Distribution.MIXED, Precision.FLOAT, N, seed), Precision.FLOAT);
  }
}
