package dev.rectifier.examples.mlp;

import dev.rectifier.Rectifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a device's first training step from a {@link Problem}'s start, stage by stage, each stage
 * against the host given the device's own inputs to that stage (so that no difference carries over
 * from one stage to the next):
 *
 * <ul>
 *   <li>the Leaky ReLU and its gradient bit for bit against rectifier's CPU backend, which is
 *       rectifier's contract;
 *   <li>every sum (the matrix products, bias adds, bias gradients and the update) within the
 *       rounding bound of a float sum of {@code n} terms in any order, {@code 2(n + 1) · 2⁻²⁴ ·
 *       Σ|term|} (twice, as the host's sum has its own rounding);
 *   <li>the softmax cross-entropy's gradient within {@value #SOFTMAX_ULPS} units of {@code 2⁻²⁴ /
 *       batch} (OpenCL's {@code exp} and division may be off by a few ulps), and the loss within
 *       {@value #LOSS_TOLERANCE} of the host's, relatively;
 *   <li>the loss within {@value #LOSS_TOLERANCE} of {@link CpuStep}'s, relatively: the whole
 *       forward pass, end to end.
 * </ul>
 */
public final class StepCheck {
  /** The unit roundoff of float, 2⁻²⁴. */
  private static final double UNIT = 0x1p-24;

  /** How far the softmax cross-entropy's gradient may be off, in units of 2⁻²⁴ / batch. */
  static final int SOFTMAX_ULPS = 64;

  /** How far the loss may be off, relatively. */
  static final double LOSS_TOLERANCE = 1e-5;

  private final Problem problem;
  private final Trace device;
  private final Rectifier cpuBackend;
  private final List<Finding> findings = new ArrayList<>();

  private StepCheck(Problem problem, Trace device, Rectifier cpuBackend) {
    this.problem = problem;
    this.device = device;
    this.cpuBackend = cpuBackend;
  }

  /**
   * The findings on {@code device}, the trace of a first step from {@code problem.start()}, with
   * {@code cpu} the trace of {@link CpuStep}'s first step on the same problem.
   */
  public static List<Finding> firstStep(Problem problem, Trace device, Trace cpu) {
    try (Rectifier rectifier = Rectifier.cpu()) {
      StepCheck check = new StepCheck(problem, device, rectifier);
      check.forward();
      check.backward();
      check.update();
      check.loss("loss against the CPU step's", device.loss(), cpu.loss());
      return List.copyOf(check.findings);
    }
  }

  private void forward() {
    Shape s = problem.shape();
    Parameters p = problem.start();
    layer(1, "x", problem.x(), p.w1(), p.b1(), device.z1());
    float[] a1 = new float[device.z1().length];
    cpuBackend.leakyRelu(device.z1(), a1, problem.alpha());
    exact("a1 = leakyRelu(z1) (rectifier)", a1, device.a1());
    layer(2, "a1", device.a1(), p.w2(), p.b2(), device.z2());
    float[] dz2 = new float[device.z2().length];
    float loss = HostMath.softmaxCrossEntropy(device.z2(), problem.labels(), s.outputs(), dz2);
    double[] tolerance = new double[dz2.length];
    Arrays.fill(tolerance, SOFTMAX_ULPS * UNIT / s.batch());
    within("dz2 = softmax(z2) − onehot (the example's kernel)", dz2, device.dz2(), tolerance);
    loss("loss = mean cross-entropy (the example's kernel, CLBlast SSUM)", device.loss(), loss);
  }

  private void backward() {
    Shape s = problem.shape();
    Parameters g = device.gradients();
    layerGradients(2, "a1", device.a1(), device.dz2(), g.w2(), g.b2());
    sum(
        "da1 = dz2·w2ᵀ (CLBlast SGEMM)",
        device.da1(),
        s.outputs(),
        in ->
            product(
                in.of(device.dz2()),
                false,
                in.of(problem.start().w2()),
                true,
                s.batch(),
                s.hidden(),
                s.outputs()));
    float[] dz1 = new float[device.z1().length];
    cpuBackend.leakyReluGrad(device.z1(), device.da1(), dz1, problem.alpha());
    exact("dz1 = leakyReluGrad(z1, da1) (rectifier)", dz1, device.dz1());
    layerGradients(1, "x", problem.x(), device.dz1(), g.w1(), g.b1());
  }

  /** Layer {@code layer}'s pre-activation {@code z = input · w + b}. */
  private void layer(int layer, String inputName, float[] input, float[] w, float[] b, float[] z) {
    int batch = problem.shape().batch();
    int inputs = input.length / batch;
    sum(
        "z" + layer + " = " + inputName + "·w" + layer + " + b" + layer + " (CLBlast SGEMM, SGER)",
        z,
        inputs + 1,
        in -> {
          float[] out = new float[z.length];
          HostMath.affine(in.of(input), in.of(w), in.of(b), out, batch, inputs);
          return out;
        });
  }

  /**
   * The gradients of layer {@code layer}'s weights, {@code inputᵀ · dz}, and bias, the column sums
   * of {@code dz}, given the layer's input and the gradient {@code dz} of its pre-activation.
   */
  private void layerGradients(
      int layer, String inputName, float[] input, float[] dz, float[] dw, float[] db) {
    int batch = problem.shape().batch();
    int inputs = input.length / batch;
    sum(
        "dw" + layer + " = " + inputName + "ᵀ·dz" + layer + " (CLBlast SGEMM)",
        dw,
        batch,
        in -> product(in.of(input), true, in.of(dz), false, inputs, db.length, batch));
    sum(
        "db" + layer + " = column sums of dz" + layer + " (CLBlast SGEMV)",
        db,
        batch,
        in -> columnSums(in.of(dz), db.length));
  }

  private void update() {
    List<float[]> start = problem.start().arrays();
    List<float[]> gradients = device.gradients().arrays();
    List<float[]> updated = device.updated().arrays();
    for (int i = 0; i < start.size(); i++) {
      float[] w = start.get(i);
      float[] g = gradients.get(i);
      String name = Parameters.names().get(i);
      sum(
          name + " −= learningRate · d" + name + " (CLBlast SAXPY)",
          updated.get(i),
          2,
          in -> {
            float[] result = in.of(w).clone();
            HostMath.addScaled(in.of(-problem.learningRate()), in.of(g), result);
            return result;
          });
    }
  }

  private static float[] product(
      float[] a, boolean transposeA, float[] b, boolean transposeB, int m, int n, int k) {
    float[] c = new float[m * n];
    HostMath.multiply(a, transposeA, b, transposeB, c, m, n, k);
    return c;
  }

  private static float[] columnSums(float[] a, int columns) {
    float[] sums = new float[columns];
    HostMath.columnSums(a, sums);
    return sums;
  }

  /** The operands of a sum: as they are, or their absolute values (for the rounding bound). */
  private record Operands(boolean absolute) {
    float[] of(float[] values) {
      return absolute ? HostMath.abs(values) : values;
    }

    float of(float value) {
      return absolute ? Math.abs(value) : value;
    }
  }

  /**
   * Compares {@code actual} with {@code formula} on the operands, within {@code 2(terms + 1) ·
   * 2⁻²⁴} times {@code formula} on their absolute values.
   */
  private void sum(String stage, float[] actual, int terms, Function<Operands, float[]> formula) {
    float[] expected = formula.apply(new Operands(false));
    float[] magnitude = formula.apply(new Operands(true));
    double[] tolerance = new double[magnitude.length];
    for (int i = 0; i < tolerance.length; i++) {
      tolerance[i] = 2.0 * (terms + 1) * UNIT * magnitude[i];
    }
    within(stage, expected, actual, tolerance);
  }

  private void within(String stage, float[] expected, float[] actual, double[] tolerance) {
    int beyond = 0;
    int first = -1;
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs((double) actual[i] - expected[i]);
      if (!(error <= tolerance[i])) {
        beyond++;
        first = first < 0 ? i : first;
      } else if (tolerance[i] > 0) {
        worst = Math.max(worst, error / tolerance[i]);
      }
    }
    findings.add(
        beyond == 0
            ? new Finding(
                stage,
                true,
                String.format(
                    "%d values within the bound, the largest error %.2g of it",
                    expected.length, worst))
            : new Finding(
                stage,
                false,
                String.format(
                    "%d of %d values beyond the bound, the first at [%d]: expected %s ± %.3g, got %s",
                    beyond,
                    expected.length,
                    first,
                    expected[first],
                    tolerance[first],
                    actual[first])));
  }

  private void exact(String stage, float[] expected, float[] actual) {
    int differ = 0;
    int first = -1;
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
        differ++;
        first = first < 0 ? i : first;
      }
    }
    findings.add(
        differ == 0
            ? new Finding(stage, true, expected.length + " values equal bit for bit")
            : new Finding(
                stage,
                false,
                String.format(
                    "%d of %d values differ, the first at [%d]: expected %s (0x%08x), got %s (0x%08x)",
                    differ,
                    expected.length,
                    first,
                    expected[first],
                    Float.floatToRawIntBits(expected[first]),
                    actual[first],
                    Float.floatToRawIntBits(actual[first]))));
  }

  private void loss(String stage, float actual, float expected) {
    double relative = Math.abs((double) actual - expected) / Math.abs(expected);
    findings.add(
        new Finding(
            stage,
            relative <= LOSS_TOLERANCE,
            String.format(
                "%s against %s, relative difference %.2g (at most %.0g)",
                actual, expected, relative, LOSS_TOLERANCE)));
  }
}
