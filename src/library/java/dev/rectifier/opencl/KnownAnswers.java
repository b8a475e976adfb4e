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
 * the one-by-one part of the kernels. Then PReLU, by {@link PreluKnownAnswers}. A device that does
 * not report {@code CL_FP_DENORM} for the precision may flush subnormals, as the contract allows.
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
    boolean mayFlush =
        precision == Precision.FLOAT ? !device.floatDenormals() : !device.doubleDenormals();
    cl_command_queue queue = null;
    String running = Op.values()[0].toString();
    try {
      queue = queue(context, id);
      for (Op op : Op.values()) {
        running = op.toString();
        for (double alpha : op.takesAlpha() ? ALPHAS : new double[] {0}) {
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
              + (precision == Precision.FLOAT
                  ? Float.toString((float) alpha)
                  : Double.toString(alpha));
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
      float[] floats = precision == Precision.FLOAT ? new float[x.length] : null;
      Pointer target = floats != null ? Pointer.to(floats) : Pointer.to(out);
      cl_mem from = outs;
      Jocl.call(
          () ->
              clEnqueueReadBuffer(
                  queue,
                  from,
                  true,
                  0,
                  (long) x.length * precision.bytes(),
                  target,
                  0,
                  null,
                  null));
      if (floats != null) {
        for (int i = 0; i < floats.length; i++) {
          out[i] = floats[i];
        }
      }
      return out;
    } finally {
      for (cl_mem made : new cl_mem[] {xs, dys, outs}) {
        if (made != null) {
          Jocl.call(() -> clReleaseMemObject(made));
        }
      }
    }
  }

  static cl_mem buffer(cl_context context, Precision precision, double[] values) {
    Pointer host;
    if (precision == Precision.FLOAT) {
      float[] floats = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        floats[i] = (float) values[i];
      }
      host = Pointer.to(floats);
    } else {
      host = Pointer.to(values.clone());
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

  /** The contract, in the arithmetic of {@code precision}. */
  static double expected(Precision precision, Op op, double x, double dy, double alpha) {
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

  /** Bit for bit in {@code precision}, any NaN equal to any NaN. */
  static boolean same(Precision precision, double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    return precision == Precision.FLOAT
        ? Float.floatToRawIntBits((float) a) == Float.floatToRawIntBits((float) b)
        : Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
  }

  /** A subnormal of {@code precision} as a zero of its sign; anything else as it is. */
  static double flushed(Precision precision, double v) {
    double normal = precision == Precision.FLOAT ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    return v != 0 && Math.abs(v) < normal ? Math.copySign(0.0, v) : v;
  }

  /** A value and its bits, e.g. {@code NaN (0x7fc00000)}. */
  static String show(Precision precision, double v) {
    if (precision == Precision.FLOAT) {
      float f = (float) v;
      return f + String.format(" (0x%08x)", Float.floatToRawIntBits(f));
    }
    return v + String.format(" (0x%016x)", Double.doubleToRawLongBits(v));
  }

  /**
   * The contract's special values in {@code precision}, as doubles (float ones are exact floats):
   * ±0, ±smallest subnormal, ±largest subnormal, ±smallest normal, ±1, 0.5, −2.5, ±MAX, ±Inf and
   * NaN, where the contract's edge cases live. The tools' {@code SpecialValues} hands the same
   * values to tests and the command line (a test holds the two equal).
   */
  static double[] specialValues(Precision precision) {
    boolean d = precision == Precision.DOUBLE;
    double subnormal = d ? Double.MIN_VALUE : Float.MIN_VALUE;
    double largestSubnormal =
        d ? Math.nextDown(Double.MIN_NORMAL) : Math.nextDown(Float.MIN_NORMAL);
    double normal = d ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    double max = d ? Double.MAX_VALUE : Float.MAX_VALUE;
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
