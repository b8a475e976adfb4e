package dev.rectifier.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseMemObject;

import dev.rectifier.DeviceInfo;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.backend.Names;
import dev.rectifier.opencl.jocl.Jocl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;

/**
 * The known-answer check a program passes before it is used: every op of one precision on fixed
 * inputs, each result compared bit for bit with the contract (NaN as "both NaN"), as {@code
 * dev.rectifier.Op} states it. The inputs are the contract's special values (±0, ±smallest and
 * largest subnormal, ±smallest normal, ±1, 0.5, −2.5, ±MAX, ±Inf, NaN), every pair of them for the
 * gradients, with alphas 0.01, −0.5, 0 and 5; their lengths (17 and 289) reach both the vector and
 * the one-by-one part of the kernels. HALF and BFLOAT16 use their own special values, compute in
 * float and round the result once; one more alpha, the tie between 1 and the next value of the
 * format, makes the ops' rounding show ({@code x = -1}, {@code dy = 1} give it exactly), and their
 * conversions are checked by {@link ConversionKnownAnswers}. Then PReLU, by {@link
 * PreluKnownAnswers}. A device that does not report {@code CL_FP_DENORM} for the precision's
 * arithmetic may flush subnormals, as the contract allows: those of FLOAT, DOUBLE and BFLOAT16 (a
 * float's), never HALF's, which are normal floats.
 *
 * <p>This is not the in-place check of {@link SharedTransfer#worksInPlace}, which only chooses how
 * chunks reach a CPU device.
 */
final class KnownAnswers {
  /** Slopes: the usual one, a negative one, zero (−Inf gives NaN) and one above 1. */
  static final double[] ALPHAS = {0.01, -0.5, 0, 5};

  /** A value no op gives for these inputs, in the output before a kernel writes it. */
  private static final double UNWRITTEN = 12345;

  private KnownAnswers() {}

  /**
   * What {@code program} gets wrong on {@code device}, in words (op, precision, device, the first
   * wrong input, expected and actual bits, how many results were wrong), or empty if every answer
   * is right. A driver error while running it counts as wrong.
   */
  static Optional<String> check(
      ActivationProgram program,
      cl_context context,
      cl_device_id id,
      DeviceInfo device,
      Precision precision) {
    boolean mayFlush = mayFlush(precision, device);
    cl_command_queue queue = null;
    String running = Op.values()[0].toString();
    try {
      queue = queue(context, id);
      for (Op op : Op.values()) {
        running = op.toString();
        for (double alpha : op.takesAlpha() ? alphas(precision) : new double[] {0}) {
          Optional<String> wrong = check(program, context, queue, precision, op, alpha, mayFlush);
          if (wrong.isPresent()) {
            return Optional.of(
                op
                    + " wrong for "
                    + Names.cType(precision)
                    + " on "
                    + device.name()
                    + ": "
                    + wrong.get());
          }
        }
      }
      if (precision.sixteenBit()) {
        running = "the conversions";
        Optional<String> wrong =
            ConversionKnownAnswers.check(program, context, queue, precision, mayFlush);
        if (wrong.isPresent()) {
          return Optional.of(
              wrong.get() + " (" + Names.cType(precision) + " on " + device.name() + ")");
        }
      }
      running = "PRELU";
      return PreluKnownAnswers.check(program, context, queue, precision, mayFlush)
          .map(w -> w + " (" + Names.cType(precision) + " on " + device.name() + ")");
    } catch (Jocl.Failure e) {
      return Optional.of(
          running
              + " wrong for "
              + Names.cType(precision)
              + " on "
              + device.name()
              + ": running it failed ("
              + e.getMessage()
              + ")");
    } finally {
      if (queue != null) {
        cl_command_queue made = queue;
        Jocl.call(() -> clReleaseCommandQueue(made));
      }
    }
  }

  /**
   * Whether the device may flush the subnormals of {@code precision}: those of its arithmetic, when
   * it does not report {@code CL_FP_DENORM} for it; HALF's subnormals are normal floats.
   */
  static boolean mayFlush(Precision precision, DeviceInfo device) {
    return switch (precision) {
      case FLOAT, BFLOAT16 -> !device.floatDenormals();
      case DOUBLE -> !device.doubleDenormals();
      case HALF -> false;
    };
  }

  /**
   * The alphas of {@code precision}: {@link #ALPHAS}, and for HALF and BFLOAT16 also the tie
   * between 1 and the next value of the format, which rounds to 1 (even).
   */
  static double[] alphas(Precision precision) {
    if (!precision.sixteenBit()) {
      return ALPHAS;
    }
    double[] alphas = Arrays.copyOf(ALPHAS, ALPHAS.length + 1);
    float next = precision.widen((short) (precision.round(1f) + 1));
    alphas[ALPHAS.length] = (1f + next) / 2; // exact in float: one bit more than the format
    return alphas;
  }

  @SuppressWarnings("deprecation") // clCreateCommandQueue is deprecated in 2.0 but on every ICD
  private static cl_command_queue queue(cl_context context, cl_device_id id) {
    return Jocl.make(s -> clCreateCommandQueue(context, id, 0, s));
  }

  private static Optional<String> check(
      ActivationProgram program,
      cl_context context,
      cl_command_queue queue,
      Precision precision,
      Op op,
      double alpha,
      boolean mayFlush) {
    double[] specials = specialValues(precision);
    int n = op.isGradient() ? specials.length * specials.length : specials.length;
    double[] x = new double[n];
    double[] dy = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = specials[i % specials.length];
      dy[i] = specials[i / specials.length];
    }
    double[] actual = run(program, context, queue, precision, op, x, dy, alpha);
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double expected = expected(precision, op, x[i], dy[i], alpha);
      boolean right =
          same(precision, expected, actual[i])
              || (mayFlush
                  && same(
                      precision,
                      flushed(
                          precision,
                          expected(
                              precision,
                              op,
                              flushed(precision, x[i]),
                              flushed(precision, dy[i]),
                              alpha)),
                      actual[i]));
      if (!right) {
        wrong.add(i);
      }
    }
    if (wrong.isEmpty()) {
      return Optional.empty();
    }
    int i = wrong.get(0);
    String input = "x = " + show(precision, x[i]);
    if (op.isGradient()) {
      input += ", dy = " + show(precision, dy[i]);
    }
    if (op.takesAlpha()) {
      input +=
          ", alpha = "
              + (precision == Precision.DOUBLE
                  ? Double.toString(alpha)
                  : Float.toString((float) alpha));
    }
    return Optional.of(
        input
            + ": expected "
            + show(precision, expected(precision, op, x[i], dy[i], alpha))
            + ", got "
            + show(precision, actual[i])
            + " ("
            + wrong.size()
            + " of "
            + n
            + " results wrong)");
  }

  /** Runs {@code op} on the device and returns its output, widened to double. */
  private static double[] run(
      ActivationProgram program,
      cl_context context,
      cl_command_queue queue,
      Precision precision,
      Op op,
      double[] x,
      double[] dy,
      double alpha) {
    double[] out = new double[x.length];
    Arrays.fill(out, UNWRITTEN);
    cl_mem xs = buffer(context, precision, x);
    cl_mem dys = null;
    cl_mem outs = null;
    try {
      dys = op.isGradient() ? buffer(context, precision, dy) : null;
      outs = buffer(context, precision, out);
      program.enqueue(queue, op, xs, dys, outs, x.length, alpha, null);
      return read(queue, precision, outs, x.length);
    } finally {
      for (cl_mem made : new cl_mem[] {xs, dys, outs}) {
        if (made != null) {
          Jocl.call(() -> clReleaseMemObject(made));
        }
      }
    }
  }

  /**
   * A new device buffer holding {@code values} in {@code precision} (for HALF and BFLOAT16 each
   * value rounded to the format: exact for the values of the format).
   */
  static cl_mem buffer(cl_context context, Precision precision, double[] values) {
    Pointer host;
    if (precision == Precision.DOUBLE) {
      host = Pointer.to(values.clone());
    } else if (precision == Precision.FLOAT) {
      float[] floats = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        floats[i] = (float) values[i];
      }
      host = Pointer.to(floats);
    } else {
      short[] bits = new short[values.length];
      for (int i = 0; i < values.length; i++) {
        bits[i] = precision.round((float) values[i]);
      }
      host = Pointer.to(bits);
    }
    return Jocl.make(
        s ->
            clCreateBuffer(
                context,
                CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
                (long) values.length * precision.bytes(),
                host,
                s));
  }

  /** Elements {@code [0, n)} of {@code mem}, of {@code precision}, widened to double. */
  static double[] read(cl_command_queue queue, Precision precision, cl_mem mem, int n) {
    double[] values = new double[n];
    if (precision == Precision.DOUBLE) {
      Jocl.call(
          () ->
              clEnqueueReadBuffer(
                  queue, mem, true, 0, (long) n * Double.BYTES, Pointer.to(values), 0, null, null));
    } else if (precision == Precision.FLOAT) {
      float[] floats = new float[n];
      Jocl.call(
          () ->
              clEnqueueReadBuffer(
                  queue, mem, true, 0, (long) n * Float.BYTES, Pointer.to(floats), 0, null, null));
      for (int i = 0; i < n; i++) {
        values[i] = floats[i];
      }
    } else {
      short[] bits = new short[n];
      Jocl.call(
          () ->
              clEnqueueReadBuffer(
                  queue, mem, true, 0, (long) n * Short.BYTES, Pointer.to(bits), 0, null, null));
      for (int i = 0; i < n; i++) {
        values[i] = precision.widen(bits[i]);
      }
    }
    return values;
  }

  /**
   * The contract, in the arithmetic of {@code precision}; for HALF and BFLOAT16 in float, the
   * result rounded to the format (and widened back).
   */
  static double expected(Precision precision, Op op, double x, double dy, double alpha) {
    if (precision.sixteenBit()) {
      float e = (float) expected(Precision.FLOAT, op, x, dy, alpha);
      return precision.widen(precision.round(e));
    }
    if (precision == Precision.FLOAT) {
      float xf = (float) x;
      float g = (float) dy;
      float a = (float) alpha;
      return switch (op) {
        case RELU -> xf > 0 ? xf : (Float.isNaN(xf) ? xf : 0f);
        case RELU_GRAD -> xf > 0 ? g : 0f;
        case LEAKY_RELU -> xf > 0 ? xf : a * xf;
        case LEAKY_RELU_GRAD -> xf > 0 ? g : a * g;
      };
    }
    return switch (op) {
      case RELU -> x > 0 ? x : (Double.isNaN(x) ? x : 0d);
      case RELU_GRAD -> x > 0 ? dy : 0d;
      case LEAKY_RELU -> x > 0 ? x : alpha * x;
      case LEAKY_RELU_GRAD -> x > 0 ? dy : alpha * dy;
    };
  }

  /** {@code v} as {@code precision} stores it: rounded to HALF or BFLOAT16, else as it is. */
  static double stored(Precision precision, double v) {
    return precision.sixteenBit() ? precision.widen(precision.round((float) v)) : v;
  }

  /**
   * Bit for bit in {@code precision}, any NaN equal to any NaN (values of HALF and BFLOAT16 are
   * floats, each of its own bits).
   */
  static boolean same(Precision precision, double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    return precision == Precision.DOUBLE
        ? Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b)
        : Float.floatToRawIntBits((float) a) == Float.floatToRawIntBits((float) b);
  }

  /**
   * A subnormal of {@code precision}'s arithmetic (a float's for HALF and BFLOAT16) as a zero of
   * its sign; anything else as it is.
   */
  static double flushed(Precision precision, double v) {
    double normal = precision == Precision.DOUBLE ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    return v != 0 && Math.abs(v) < normal ? Math.copySign(0.0, v) : v;
  }

  /** A value and its bits, e.g. {@code NaN (0x7fc00000)}, or {@code 1.0 (0x3c00)} for HALF. */
  static String show(Precision precision, double v) {
    if (precision == Precision.DOUBLE) {
      return v + String.format(" (0x%016x)", Double.doubleToRawLongBits(v));
    }
    float f = (float) v;
    if (precision.sixteenBit()) {
      return f + String.format(" (0x%04x)", precision.round(f) & 0xFFFF);
    }
    return f + String.format(" (0x%08x)", Float.floatToRawIntBits(f));
  }

  /**
   * The contract's special values in {@code precision}, as doubles (float ones are exact floats):
   * ±0, ±smallest subnormal, ±largest subnormal, ±smallest normal, ±1, 0.5, −2.5, ±MAX, ±Inf and
   * NaN, where the contract's edge cases live. The tools' {@code SpecialValues} hands the same
   * values to tests and the command line (a test holds the two equal).
   */
  static double[] specialValues(Precision precision) {
    if (precision.sixteenBit()) {
      short infinity = precision.round(Float.POSITIVE_INFINITY);
      // The smallest normal's bits, the exponent field's lowest bit: what 2's bits add to 1's.
      short normal = (short) (precision.round(2f) - precision.round(1f));
      return specialValues(
          precision.widen((short) 1),
          precision.widen((short) (normal - 1)),
          precision.widen(normal),
          precision.widen((short) (infinity - 1)));
    }
    boolean d = precision == Precision.DOUBLE;
    return specialValues(
        d ? Double.MIN_VALUE : Float.MIN_VALUE,
        d ? Math.nextDown(Double.MIN_NORMAL) : Math.nextDown(Float.MIN_NORMAL),
        d ? Double.MIN_NORMAL : Float.MIN_NORMAL,
        d ? Double.MAX_VALUE : Float.MAX_VALUE);
  }

  /** The special values of a format with these extremes. */
  private static double[] specialValues(
      double subnormal, double largestSubnormal, double normal, double max) {
    return new double[] {
      0.0,
      -0.0,
      subnormal,
      -subnormal,
      largestSubnormal,
      -largestSubnormal,
      normal,
      -normal,
      1.0,
      -1.0,
      0.5,
      -2.5,
      max,
      -max,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NaN
    };
  }
}
