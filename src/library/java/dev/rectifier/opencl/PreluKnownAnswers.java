package dev.rectifier.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clReleaseMemObject;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.PreluShape;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.opencl.jocl.Jocl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * The PReLU part of the {@linkplain KnownAnswers known-answer check}: the PReLU kernels against the
 * contract's selects, and their weight gradient against the CPU backend's (whose tests hold it to
 * the contract's order; a third copy of the order here would only be a third place for it to go
 * wrong), on every special x with every special weight, every special x and dy pair with every
 * special weight, and normal values over two blocks and many lanes of the weight gradient's order
 * (3 channels, inner 7), whose second half cancels the first exactly: the compensated sums then
 * keep only rounding errors, which depend on the order, so a device that sums in another order
 * shows. Outputs are compared bit for bit, NaN as "both NaN"; on a device that may flush
 * subnormals, an output may also be what the CPU backend gives for flushed inputs, flushed, and the
 * weight gradient of the special values is not compared (a flushed term changes the sum). For HALF
 * and BFLOAT16, x, dy and the outputs are of the format (the normal values rounded to it, over
 * fewer binades for HALF, whose range is narrow), the weights and their gradient floats; the
 * reference weight gradient is the CPU backend's float one on the widened inputs, which is the
 * contract's.
 */
final class PreluKnownAnswers {
  /** Batch items of the normal case: 2 blocks of 256 rows of 1029 columns, 3 × 7 to an item. */
  private static final int NORMAL_ITEMS = 12_600;

  private PreluKnownAnswers() {}

  /** What the PReLU kernels get wrong, in words, or empty. */
  static Optional<String> check(
      ActivationProgram program,
      cl_context context,
      cl_command_queue queue,
      Precision precision,
      boolean mayFlush) {
    double[] specials = KnownAnswers.specialValues(precision);
    int k = specials.length;
    double[] x = new double[k * k];
    for (int i = 0; i < x.length; i++) {
      x[i] = specials[i / k];
    }
    Optional<String> wrong =
        compare(program, context, queue, precision, x, null, specials, 1, mayFlush);
    // Binades the normal case spreads over: ±20, fewer where the format's range is narrower.
    int spread = Math.min(20, Math.getExponent(specials[12]) - 5);
    if (wrong.isEmpty()) {
      double[] xs = new double[k * k * k];
      double[] dys = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = specials[(i / k) % k];
        dys[i] = specials[i / k / k];
      }
      wrong = compare(program, context, queue, precision, xs, dys, specials, 1, mayFlush);
    }
    if (wrong.isEmpty()) {
      Random random = new Random(14);
      double[] xs = new double[NORMAL_ITEMS * 21];
      double[] dys = new double[xs.length];
      int half = xs.length / 2;
      for (int i = 0; i < half; i++) {
        double x0 = Math.scalb(random.nextGaussian(), (random.nextInt(41) - 20) * spread / 20);
        xs[i] = -Math.abs(KnownAnswers.stored(precision, x0));
        dys[i] = KnownAnswers.stored(precision, random.nextGaussian());
        xs[half + i] = xs[i];
        dys[half + i] = -dys[i];
      }
      double[] weights = {0.25, -0.5, 3};
      wrong = compare(program, context, queue, precision, xs, dys, weights, 7, false);
    }
    return wrong;
  }

  /**
   * The device's results against the CPU backend's, for prelu ({@code dy} null) or its gradient.
   */
  private static Optional<String> compare(
      ActivationProgram program,
      cl_context context,
      cl_command_queue queue,
      Precision precision,
      double[] x,
      double[] dy,
      double[] weight,
      int inner,
      boolean mayFlush) {
    PreluShape shape = new PreluShape(x.length, weight.length, inner);
    Precision floats = ActivationProgram.arithmetic(precision);
    List<double[]> actual = onDevice(program, context, queue, precision, shape, x, dy, weight);
    String name = dy == null ? "PRELU" : "PRELU_GRAD";
    Op op = dy == null ? Op.LEAKY_RELU : Op.LEAKY_RELU_GRAD;
    double[] out = actual.get(0);
    for (int i = 0; i < out.length; i++) {
      double w = weight[(i / inner) % weight.length];
      double g = dy == null ? 0 : dy[i];
      double e = KnownAnswers.expected(precision, op, x[i], g, w);
      double f =
          flushed(
              precision,
              KnownAnswers.expected(
                  precision,
                  op,
                  flushed(precision, x[i]),
                  flushed(precision, g),
                  flushed(precision, w)));
      boolean right =
          KnownAnswers.same(precision, e, out[i])
              || (mayFlush && KnownAnswers.same(precision, f, out[i]));
      if (!right) {
        return Optional.of(
            String.format(
                "%s: x = %s%s, weight = %s: expected %s, got %s",
                name,
                KnownAnswers.show(precision, x[i]),
                dy == null ? "" : ", dy = " + KnownAnswers.show(precision, g),
                KnownAnswers.show(floats, w),
                KnownAnswers.show(precision, e),
                KnownAnswers.show(precision, out[i])));
      }
    }
    if (dy != null && !mayFlush) {
      double[] expected = onCpu(floats, shape, x, dy, weight);
      for (int c = 0; c < weight.length; c++) {
        double e = expected[c];
        double a = actual.get(1)[c];
        if (!KnownAnswers.same(floats, e, a)) {
          return Optional.of(
              String.format(
                  "%s: dweight[%d] of %d elements, inner %d: expected %s, got %s",
                  name,
                  c,
                  x.length,
                  inner,
                  KnownAnswers.show(floats, e),
                  KnownAnswers.show(floats, a)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The output and (gradient) dweight the program computes: x, dy and the output in {@code
   * precision}, the weights, sums and dweight in its arithmetic's.
   */
  private static List<double[]> onDevice(
      ActivationProgram program,
      cl_context context,
      cl_command_queue queue,
      Precision precision,
      PreluShape shape,
      double[] x,
      double[] dy,
      double[] weight) {
    Precision floats = ActivationProgram.arithmetic(precision);
    List<cl_mem> made = new ArrayList<>();
    try {
      cl_mem xs = KnownAnswers.buffer(context, precision, x);
      made.add(xs);
      cl_mem ws = KnownAnswers.buffer(context, floats, weight);
      made.add(ws);
      if (dy == null) {
        program.enqueuePrelu(queue, xs, xs, ws, x.length, 0, shape, null);
        return List.of(KnownAnswers.read(queue, precision, xs, x.length));
      }
      cl_mem dys = KnownAnswers.buffer(context, precision, dy);
      made.add(dys);
      long bytes = (long) shape.partials() * floats.bytes();
      cl_mem sums = Jocl.make(s -> clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, s));
      made.add(sums);
      cl_mem errors = Jocl.make(s -> clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, s));
      made.add(errors);
      cl_mem dweight = KnownAnswers.buffer(context, floats, new double[weight.length]);
      made.add(dweight);
      program.enqueuePreluGrad(
          queue, xs, dys, dys, ws, sums, errors, x.length, 0, shape, 0, shape.width(), null);
      program.enqueueWeightGrad(queue, sums, errors, dweight, shape, null);
      return List.of(
          KnownAnswers.read(queue, precision, dys, x.length),
          KnownAnswers.read(queue, floats, dweight, weight.length));
    } finally {
      made.forEach(m -> Jocl.call(() -> clReleaseMemObject(m)));
    }
  }

  /** The weight gradient of the CPU backend, widened to double. */
  private static double[] onCpu(
      Precision precision, PreluShape shape, double[] x, double[] dy, double[] weight) {
    HostRange dweight = range(precision, new double[weight.length]);
    new CpuBackend()
        .prelu(
            new PreluRequest(
                range(precision, x),
                range(precision, dy),
                range(precision, new double[x.length]),
                range(precision, weight),
                shape,
                dweight));
    return widened(dweight);
  }

  private static HostRange range(Precision precision, double[] values) {
    if (precision == Precision.DOUBLE) {
      return HostRange.of(values.clone());
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return HostRange.of(f);
  }

  private static double[] widened(HostRange range) {
    if (range.doubles() != null) {
      return range.doubles();
    }
    double[] d = new double[range.length()];
    for (int i = 0; i < d.length; i++) {
      d[i] = range.floats()[i];
    }
    return d;
  }

  private static double flushed(Precision precision, double v) {
    return KnownAnswers.flushed(precision, v);
  }
}
