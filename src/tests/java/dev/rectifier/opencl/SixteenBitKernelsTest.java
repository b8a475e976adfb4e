package dev.rectifier.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseMemObject;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.PreluShape;
import dev.rectifier.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HALF and BFLOAT16 kernels, as built for each kind of device, against the contract computed
 * here from the format's conversions ({@link Precision#round}, {@link Precision#widen}): every op
 * on every one of the 65,536 bit patterns of x, with special dy and alphas, and PReLU's outputs and
 * weight gradient (the latter against the CPU backend's float PReLU on the widened inputs, which
 * the contract makes the same). Outputs are compared bit for bit; where the float op gives NaN, the
 * output must be a quiet NaN of the format. A device that may flush float subnormals may flush
 * BFLOAT16's.
 */
class SixteenBitKernelsTest {
  /** One more than the patterns, so that the last work-item's one-by-one part runs too. */
  private static final int N = (1 << 16) + 3;

  private DeviceContext shared;
  private ActivationProgram program;
  private cl_command_queue queue;
  private final List<cl_mem> made = new ArrayList<>();

  static Stream<Arguments> programs() {
    List<Arguments> programs = new ArrayList<>();
    for (DeviceInfo d : OpenClRequirement.devices()) {
      for (Precision p : new Precision[] {Precision.HALF, Precision.BFLOAT16}) {
        for (DeviceType type : new DeviceType[] {DeviceType.CPU, DeviceType.GPU}) {
          programs.add(Arguments.of(d, p, type));
        }
      }
    }
    return programs.stream();
  }

  @AfterEach
  void release() {
    releaseBuffers();
    if (program != null) {
      program.release();
      program = null;
    }
    if (queue != null) {
      clReleaseCommandQueue(queue);
      queue = null;
    }
  }

  @ParameterizedTest(name = "{1} built for a {2} on {0}")
  @MethodSource("programs")
  void everyOpOnEveryBitPatternIsTheFloatOpRoundedOnce(DeviceInfo d, Precision p, DeviceType type) {
    ActivationProgram program = program(d, p, type);
    boolean mayFlush = KnownAnswers.mayFlush(p, d);
    short[] x = new short[N];
    for (int i = 0; i < N; i++) {
      x[i] = (short) i;
    }
    List<String> wrong = new ArrayList<>();
    for (Op op : Op.values()) {
      for (short dy : op.isGradient() ? specials(p) : new short[] {0}) {
        for (float alpha : op.takesAlpha() ? alphas(p) : new float[] {0}) {
          short[] dys = new short[N];
          Arrays.fill(dys, dy);
          cl_mem xs = buffer(x);
          cl_mem ds = op.isGradient() ? buffer(dys) : null;
          cl_mem out = buffer(new short[N]);
          program.enqueue(queue, op, xs, ds, out, N, alpha, null);
          short[] actual = read(out, N);
          for (int i = 0; i < N; i++) {
            float e = floatOp(op, p.widen(x[i]), p.widen(dy), alpha);
            if (!right(p, e, actual[i], mayFlush)) {
              wrong.add(
                  String.format(
                      "%s x=0x%04x dy=0x%04x alpha=%s: expected 0x%04x, got 0x%04x",
                      op, x[i], dy, alpha, p.round(e), actual[i]));
            }
          }
          releaseBuffers();
        }
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong");
  }

  @ParameterizedTest(name = "{1} built for a {2} on {0}")
  @MethodSource("programs")
  void preluOnEveryBitPatternIsTheFloatOpRoundedOnce(DeviceInfo d, Precision p, DeviceType type) {
    ActivationProgram program = program(d, p, type);
    boolean mayFlush = KnownAnswers.mayFlush(p, d);
    float[] weight = Arrays.copyOf(alphas(p), 7); // 7 × 3: a length with a one-by-one tail
    int inner = 3;
    int n = ((1 << 16) + 20) / 21 * 21;
    PreluShape shape = new PreluShape(n, weight.length, inner);
    short[] special = specials(p);
    short[] x = new short[n];
    short[] dy = new short[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) i;
      dy[i] = special[i % special.length];
    }
    cl_mem w = floatBuffer(weight);
    cl_mem xs = buffer(x);
    cl_mem y = buffer(new short[n]);
    program.enqueuePrelu(queue, xs, y, w, n, 0, shape, null);
    cl_mem dx = buffer(new short[n]);
    gradient(program, shape, xs, buffer(dy), dx, w);
    short[] forward = read(y, n);
    short[] backward = read(dx, n);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float wc = weight[(i / inner) % weight.length];
      float e = floatOp(Op.LEAKY_RELU, p.widen(x[i]), 0, wc);
      if (!right(p, e, forward[i], mayFlush)) {
        wrong.add(String.format("PRELU x=0x%04x w=%s: got 0x%04x", x[i], wc, forward[i]));
      }
      e = floatOp(Op.LEAKY_RELU_GRAD, p.widen(x[i]), p.widen(dy[i]), wc);
      if (!right(p, e, backward[i], mayFlush)) {
        wrong.add(
            String.format(
                "PRELU_GRAD x=0x%04x dy=0x%04x w=%s: got 0x%04x", x[i], dy[i], wc, backward[i]));
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong");
  }

  /**
   * The weight gradient of every value of the format up to 1024 in magnitude (the sums stay
   * finite), with the finite special dy up to 2.5, is the CPU backend's float one on the widened
   * inputs, bit for bit.
   */
  @ParameterizedTest(name = "{1} built for a {2} on {0}")
  @MethodSource("programs")
  void preluWeightGradientIsTheFloatOneOfTheWidenedInputs(
      DeviceInfo d, Precision p, DeviceType type) {
    ActivationProgram program = program(d, p, type);
    List<Short> xs = new ArrayList<>();
    for (int b = 0; b < 1 << 16; b++) {
      if (Math.abs(p.widen((short) b)) <= 1024) { // false for NaN
        xs.add((short) b);
      }
    }
    List<Short> dys = new ArrayList<>();
    for (short b : specials(p)) {
      if (Math.abs(p.widen(b)) <= 2.5f) {
        dys.add(b);
      }
    }
    float[] weight = {0.25f, -0.5f, 3f, 0.01f};
    int inner = 5;
    int n = (xs.size() + 19) / 20 * 20; // the rest zeros
    short[] x = new short[n];
    short[] dy = new short[n];
    for (int i = 0; i < n; i++) {
      x[i] = i < xs.size() ? xs.get(i) : 0;
      dy[i] = dys.get(i % dys.size());
    }
    PreluShape shape = new PreluShape(n, weight.length, inner);
    cl_mem dweight =
        gradient(program, shape, buffer(x), buffer(dy), buffer(new short[n]), floatBuffer(weight));
    float[] actual = new float[weight.length];
    clEnqueueReadBuffer(
        queue, dweight, true, 0, 4L * weight.length, Pointer.to(actual), 0, null, null);
    float[] expected = cpuWeightGradient(p, shape, x, dy, weight);
    for (int c = 0; c < weight.length; c++) {
      assertEquals(
          Float.floatToRawIntBits(expected[c]),
          Float.floatToRawIntBits(actual[c]),
          "dweight[" + c + "]: expected " + expected[c] + ", got " + actual[c]);
    }
  }

  /** Enqueues PReLU's gradient of the whole arrays into {@code dx}; returns dweight. */
  private cl_mem gradient(
      ActivationProgram program, PreluShape shape, cl_mem x, cl_mem dy, cl_mem dx, cl_mem w) {
    cl_mem sums = floatBuffer(new float[shape.partials()]);
    cl_mem errors = floatBuffer(new float[shape.partials()]);
    cl_mem dweight = floatBuffer(new float[shape.channels()]);
    program.enqueuePreluGrad(
        queue, x, dy, dx, w, sums, errors, shape.length(), 0, shape, 0, shape.width(), null);
    program.enqueueWeightGrad(queue, sums, errors, dweight, shape, null);
    return dweight;
  }

  /** The program of {@code p} as built for a device of {@code type}, and a queue. */
  private ActivationProgram program(DeviceInfo d, Precision p, DeviceType type) {
    shared = DeviceContext.of(OpenClRuntime.select(String.valueOf(d.index())));
    queue = shared.createQueue();
    program =
        ActivationProgram.build(
            shared.context(),
            shared.device().id(),
            RetypedDevices.retyped(d, type),
            p,
            KernelSource.activations(),
            Optional.empty());
    return program;
  }

  private void releaseBuffers() {
    made.forEach(m -> clReleaseMemObject(m));
    made.clear();
  }

  /** The contract's float op. */
  private static float floatOp(Op op, float x, float dy, float alpha) {
    return switch (op) {
      case RELU -> x > 0 ? x : (Float.isNaN(x) ? x : 0f);
      case RELU_GRAD -> x > 0 ? dy : 0f;
      case LEAKY_RELU -> x > 0 ? x : alpha * x;
      case LEAKY_RELU_GRAD -> x > 0 ? dy : alpha * dy;
    };
  }

  /**
   * Whether {@code actual} is the float result {@code e} rounded to {@code p}: its bits, or a quiet
   * NaN of the format for a NaN; on a device that may flush, a flushed input's result is right too.
   */
  private static boolean right(Precision p, float e, short actual, boolean mayFlush) {
    if (Float.isNaN(e)) {
      int quiet = p == Precision.HALF ? 0x7E00 : 0x7FC0;
      return (actual & quiet) == quiet;
    }
    short bits = p.round(e);
    return actual == bits
        || (mayFlush
            && Math.abs(p.widen(bits)) < Float.MIN_NORMAL
            && (actual & 0x7FFF) == 0
            && (actual & 0x8000) == (bits & 0x8000));
  }

  /** The weight gradient the CPU backend computes in float on the widened inputs. */
  private static float[] cpuWeightGradient(
      Precision p, PreluShape shape, short[] x, short[] dy, float[] weight) {
    float[] xf = new float[x.length];
    float[] dyf = new float[dy.length];
    for (int i = 0; i < x.length; i++) {
      xf[i] = p.widen(x[i]);
      dyf[i] = p.widen(dy[i]);
    }
    float[] dweight = new float[weight.length];
    new CpuBackend()
        .prelu(
            new PreluRequest(
                HostRange.of(xf),
                HostRange.of(dyf),
                HostRange.of(new float[x.length]),
                HostRange.of(weight),
                shape,
                HostRange.of(dweight)));
    return dweight;
  }

  /** The special values of the format, as bits. */
  private static short[] specials(Precision p) {
    double[] values = KnownAnswers.specialValues(p);
    short[] bits = new short[values.length];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = p.round((float) values[i]);
    }
    return bits;
  }

  /** The known answers' alphas, −0, a NaN and a small one whose products round often. */
  private static float[] alphas(Precision p) {
    double[] known = KnownAnswers.alphas(p);
    float[] alphas = new float[known.length + 3];
    for (int i = 0; i < known.length; i++) {
      alphas[i] = (float) known[i];
    }
    alphas[known.length] = -0f;
    alphas[known.length + 1] = Float.NaN;
    alphas[known.length + 2] = 0.3f;
    return alphas;
  }

  private cl_mem buffer(short[] values) {
    return buffer(Pointer.to(values), 2L * values.length);
  }

  private cl_mem floatBuffer(float[] values) {
    return buffer(Pointer.to(values), 4L * Math.max(1, values.length));
  }

  /** A buffer of {@code bytes} holding a copy of {@code values}, released after the test. */
  private cl_mem buffer(Pointer values, long bytes) {
    cl_mem m =
        clCreateBuffer(
            shared.context(), CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, bytes, values, null);
    made.add(m);
    return m;
  }

  private short[] read(cl_mem m, int n) {
    short[] values = new short[n];
    clEnqueueReadBuffer(queue, m, true, 0, 2L * n, Pointer.to(values), 0, null, null);
    return values;
  }
}
