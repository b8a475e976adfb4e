package dev.rectifier.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clReleaseMemObject;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.ShortRequest;
import dev.rectifier.cpu.CpuBackend;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jocl.Pointer;
import org.jocl.cl_mem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenCL backend on HALF and BFLOAT16: requests on Java arrays through every transfer path,
 * device memory (written, read, copied, a user's buffer wrapped), PReLU with float weights, and the
 * conversions, each against the CPU backend or the format's conversions, bit for bit (a NaN as a
 * quiet NaN of the format); buffers small enough that requests run in many chunks and device memory
 * spans many segments. A 16-bit program that does not build, or computes wrong, leaves the device
 * to the other precisions.
 */
class SixteenBitBackendTest {
  /** 40 000 bytes: 20 000 elements of 16 bits per buffer. */
  private static final long SMALL_BUFFER = 40_000;

  private static final Precision[] FORMATS = {Precision.HALF, Precision.BFLOAT16};

  static Stream<Arguments> paths() {
    List<Arguments> cases = new ArrayList<>();
    for (DeviceInfo d : OpenClRequirement.devices()) {
      for (OpenClBackend.TransferPath path : OpenClBackend.TransferPath.values()) {
        for (Precision p : FORMATS) {
          cases.add(Arguments.of(d, path, p));
        }
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> formats() {
    List<Arguments> cases = new ArrayList<>();
    for (DeviceInfo d : OpenClRequirement.devices()) {
      for (Precision p : FORMATS) {
        cases.add(Arguments.of(d, p));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("paths")
  void requestsDeviceMemoryAndPreluGiveTheCpuBackendsBitsOnEveryPath(
      DeviceInfo d, OpenClBackend.TransferPath path, Precision p) {
    int n = 123_459; // 3 × 41 153: PReLU's 3 channels of inner 1
    short[] x = randomBits(n, 5);
    short[] dy = randomBits(n, 6);
    boolean mayFlush = KnownAnswers.mayFlush(p, d);
    try (OpenClBackend backend = open(d, SMALL_BUFFER, KernelSource.activations(), path);
        CpuBackend cpu = new CpuBackend()) {
      assertTrue(backend.supports(p), p + " on " + d.name());
      for (Op op : Op.values()) {
        float alpha = op.takesAlpha() ? -0.37f : 0;
        short[] g = op.isGradient() ? dy : null;
        short[] expected = new short[n];
        cpu.run(new ShortRequest(p, op, x, 0, g, 0, expected, 0, n, alpha));

        short[] out = new short[n];
        backend.run(new ShortRequest(p, op, x, 0, g, 0, out, 0, n, alpha));
        assertSame(p, expected, out, mayFlush, path + " " + op + " on Java arrays");

        short[] inPlace = x.clone();
        backend.run(new ShortRequest(p, op, inPlace, 0, g, 0, inPlace, 0, n, alpha));
        assertSame(p, expected, inPlace, mayFlush, path + " " + op + " in place");

        try (DeviceMemory dx = backend.upload(HostRange.of(p, x));
            DeviceMemory ddy = backend.allocate(p, n);
            DeviceMemory dout = backend.allocate(p, n);
            DeviceMemory copy = backend.allocate(p, n)) {
          ddy.write(HostRange.of(p, dy), 0);
          backend.run(op, dx, op.isGradient() ? ddy : null, dout, alpha);
          dout.copyTo(0, copy, 0, n);
          short[] back = new short[n];
          copy.read(0, HostRange.of(p, back));
          assertSame(p, expected, back, mayFlush, path + " " + op + " on device memory");
        }
      }

      float[] weight = {0.25f, -0.5f, 1.7f};
      short[] px = finiteBits(p, n, 7);
      short[] pdy = finiteBits(p, n, 8);
      short[] expectedY = new short[n];
      short[] actualY = new short[n];
      cpu.prelu(PreluRequest.forward(p, px, expectedY, weight, 1));
      backend.prelu(PreluRequest.forward(p, px, actualY, weight, 1));
      assertSame(p, expectedY, actualY, mayFlush, path + " PRELU");
      short[] expectedDx = new short[n];
      short[] actualDx = new short[n];
      float[] expectedDw = new float[weight.length];
      float[] actualDw = new float[weight.length];
      cpu.prelu(PreluRequest.gradient(p, px, pdy, expectedDx, weight, 1, expectedDw));
      backend.prelu(PreluRequest.gradient(p, px, pdy, actualDx, weight, 1, actualDw));
      assertSame(p, expectedDx, actualDx, mayFlush, path + " PRELU_GRAD");
      if (!mayFlush) {
        for (int c = 0; c < weight.length; c++) {
          assertEquals(
              Float.floatToRawIntBits(expectedDw[c]),
              Float.floatToRawIntBits(actualDw[c]),
              path + " dweight[" + c + "]: " + expectedDw[c] + " vs " + actualDw[c]);
        }
      }
    }
  }

  /**
   * The conversions on device memory of one buffer each are the format's, bit for bit, NaNs
   * included: every pattern widened, and the known answers' rounding inputs rounded; on memory
   * split into segments the backend declines, and the caller converts through the host.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formats")
  void conversionsOnTheDeviceAreTheFormats(DeviceInfo d, Precision p) {
    boolean mayFlush = KnownAnswers.mayFlush(p, d);
    float[] floats = ConversionKnownAnswers.roundingInputs(p);
    short[] patterns = new short[1 << 16];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = (short) i;
    }
    try (OpenClBackend backend =
        open(d, d.maxAllocationBytes(), KernelSource.activations(), null)) {
      try (DeviceMemory source = backend.upload(HostRange.of(floats));
          DeviceMemory target = backend.allocate(p, floats.length)) {
        assertTrue(backend.convert(source, target, p), "converted on the device");
        short[] rounded = new short[floats.length];
        target.read(0, HostRange.of(p, rounded));
        for (int i = 0; i < floats.length; i++) {
          short e = p.round(floats[i]);
          if (!(mayFlush && Math.abs(floats[i]) < Float.MIN_NORMAL)) {
            assertEquals(e, rounded[i], "rounding " + floats[i] + " to " + p);
          }
        }
      }
      try (DeviceMemory source = backend.upload(HostRange.of(p, patterns));
          DeviceMemory target = backend.allocate(Precision.FLOAT, patterns.length)) {
        assertTrue(backend.convert(source, target, p), "converted on the device");
        float[] widened = new float[patterns.length];
        target.read(0, HostRange.of(widened));
        for (int i = 0; i < patterns.length; i++) {
          float e = p.widen(patterns[i]);
          if (!(mayFlush && Math.abs(e) < Float.MIN_NORMAL)) {
            assertEquals(
                Float.floatToRawIntBits(e),
                Float.floatToRawIntBits(widened[i]),
                String.format("widening 0x%04x", patterns[i]));
          }
        }
      }
    }
    try (OpenClBackend backend = open(d, SMALL_BUFFER, KernelSource.activations(), null);
        DeviceMemory source = backend.upload(HostRange.of(floats));
        DeviceMemory target = backend.allocate(p, floats.length)) {
      assertFalse(backend.convert(source, target, p), "memory in segments is left to the caller");
    }
  }

  /**
   * Direct {@code ShortBuffer}s are left to the caller, who stages them through arrays, even on a
   * device that shares host memory: they may start at any even address, and a {@code vload_halfN}
   * that assumes vector alignment would fault on such memory (PoCL 3.1 compiled one so). Nothing is
   * written.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formats")
  void directShortBuffersAreLeftToTheCaller(DeviceInfo d, Precision p) {
    int n = 50_001;
    short[] x = randomBits(n, 10);
    try (OpenClBackend backend =
        open(d, SMALL_BUFFER, KernelSource.activations(), OpenClBackend.TransferPath.MAPPED)) {
      for (int position = 0; position < 3; position++) {
        ShortBuffer xb = direct(x, position);
        ShortBuffer out = direct(new short[n], position);
        assertFalse(
            backend.runInPlace(p, Op.RELU, xb, null, out, 0), "ran in place at " + position);
        short[] back = new short[n];
        out.get(position, back);
        assertArrayEquals(new short[n], back, "written at position " + position);
      }
    }
  }

  /** A direct buffer in native order holding {@code values} from {@code position}. */
  private static ShortBuffer direct(short[] values, int position) {
    ShortBuffer b =
        ByteBuffer.allocateDirect(2 * (values.length + position))
            .order(ByteOrder.nativeOrder())
            .asShortBuffer();
    b.put(position, values);
    return b.position(position);
  }

  /** A user's buffer of 16-bit elements, wrapped, computes as device memory of its own. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formats")
  void aWrappedBufferOfSixteenBitElementsComputesInPlace(DeviceInfo d, Precision p) {
    int n = 1_001;
    short[] x = randomBits(n, 9);
    short[] expected = new short[n];
    try (CpuBackend cpu = new CpuBackend()) {
      cpu.run(new ShortRequest(p, Op.LEAKY_RELU, x, 0, null, 0, expected, 0, n, 0.2f));
    }
    try (OpenClBackend backend =
        open(d, d.maxAllocationBytes(), KernelSource.activations(), null)) {
      DeviceContext shared = DeviceContext.of(OpenClRuntime.select(String.valueOf(d.index())));
      cl_mem user =
          clCreateBuffer(
              shared.context(),
              CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
              2L * n,
              Pointer.to(x.clone()),
              null);
      try (DeviceMemory wrapped = backend.wrap(user, p, n)) {
        backend.run(Op.LEAKY_RELU, wrapped, null, wrapped, 0.2f);
        short[] back = new short[n];
        wrapped.read(0, HostRange.of(p, back));
        assertSame(p, expected, back, KnownAnswers.mayFlush(p, d), "wrapped");
      } finally {
        clReleaseMemObject(user);
      }
    }
  }

  /**
   * A 16-bit program that does not build, or that gives a wrong answer, costs the device that
   * precision alone: FLOAT and the other format stay on it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.rectifier.OpenClRequirement#devices")
  void aSixteenBitProgramThatFailsLeavesTheDeviceToTheOtherPrecisions(DeviceInfo d) {
    String source = KernelSource.activations();
    String half = "#define STORAGE half\n";
    assertTrue(source.contains(half));
    try (OpenClBackend backend =
        open(d, SMALL_BUFFER, source.replace(half, half + "#error no half here\n"), null)) {
      assertTrue(backend.supports(Precision.FLOAT));
      assertFalse(backend.supports(Precision.HALF), "HALF did not build");
      assertTrue(backend.supports(Precision.BFLOAT16));
    }
    String rounding = "((b) + 0x7FFF + (((b) >> 16) & 1)) >> 16)";
    assertTrue(source.contains(rounding));
    try (OpenClBackend backend =
        open(d, SMALL_BUFFER, source.replace(rounding, "(b) >> 16)"), null)) {
      assertTrue(backend.supports(Precision.FLOAT));
      assertTrue(backend.supports(Precision.HALF));
      assertFalse(backend.supports(Precision.BFLOAT16), "BFLOAT16 truncates");
    }
  }

  /** A backend on {@code d} with {@code source}, on {@code path} (null: the device's own). */
  private static OpenClBackend open(
      DeviceInfo d, long maxBufferBytes, String source, OpenClBackend.TransferPath path) {
    OpenClRuntime.Device device = OpenClRuntime.select(String.valueOf(d.index()));
    return path == null
        ? OpenClBackend.open(device, maxBufferBytes, source)
        : OpenClBackend.open(device, maxBufferBytes, source, path);
  }

  /** Uniformly random bits: every pattern, NaNs and infinities included. */
  private static short[] randomBits(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    short[] bits = new short[n];
    for (int i = 0; i < n; i++) {
      bits[i] = (short) random.nextInt(1 << 16);
    }
    return bits;
  }

  /** Random finite values of the format, of either sign, so that PReLU's sums stay finite. */
  private static short[] finiteBits(Precision p, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    short[] bits = new short[n];
    for (int i = 0; i < n; i++) {
      bits[i] = p.round((float) Math.scalb(random.nextDouble(-1, 1), random.nextInt(-12, 8)));
    }
    return bits;
  }

  /**
   * {@code actual} is {@code expected} bit for bit; where {@code expected} is a NaN, a quiet NaN of
   * the format; where the device may flush, a float subnormal may be a zero of its sign.
   */
  private static void assertSame(
      Precision p, short[] expected, short[] actual, boolean mayFlush, String what) {
    int quiet = p == Precision.HALF ? 0x7E00 : 0x7FC0;
    int wrong = 0;
    String first = null;
    for (int i = 0; i < expected.length; i++) {
      float e = p.widen(expected[i]);
      boolean right =
          expected[i] == actual[i]
              || (Float.isNaN(e) && (actual[i] & quiet) == quiet)
              || (mayFlush
                  && Math.abs(e) < Float.MIN_NORMAL
                  && (actual[i] & 0x7FFF) == 0
                  && (actual[i] & 0x8000) == (expected[i] & 0x8000));
      if (!right && wrong++ == 0) {
        first = String.format("i=%d: expected 0x%04x, got 0x%04x", i, expected[i], actual[i]);
      }
    }
    String message = p + " " + what + ": " + wrong + " differ, first " + first;
    assertEquals(0, wrong, message);
  }
}
