package dev.rectifier.examples.mlp;

import dev.rectifier.Rectifier;

/**
 * The training step on the host: the matrix products, biases, loss and update in plain Java ({@link
 * HostMath}), the activations and their gradients by rectifier's CPU backend.
 */
public final class CpuStep implements TrainingStep {
  private final Problem problem;
  private final Rectifier cpu = Rectifier.cpu();
  private final Parameters parameters;
  private final Parameters gradients;
  private final float[] z1;
  private final float[] a1;
  private final float[] z2;
  private final float[] dz2;
  private final float[] da1;
  private final float[] dz1;
  private float loss = Float.NaN;

  /** A step that starts from {@code problem}'s parameters. */
  public CpuStep(Problem problem) {
    this.problem = problem;
    Shape s = problem.shape();
    parameters = problem.start().copy();
    gradients = Parameters.zeros(s);
    z1 = new float[s.batch() * s.hidden()];
    a1 = new float[z1.length];
    da1 = new float[z1.length];
    dz1 = new float[z1.length];
    z2 = new float[s.batch() * s.outputs()];
    dz2 = new float[z2.length];
  }

  @Override
  public void run() {
    Shape s = problem.shape();
    Parameters p = parameters;
    Parameters g = gradients;
    float alpha = problem.alpha();
    // Forward.
    HostMath.affine(problem.x(), p.w1(), p.b1(), z1, s.batch(), s.inputs());
    cpu.leakyRelu(z1, a1, alpha);
    HostMath.affine(a1, p.w2(), p.b2(), z2, s.batch(), s.hidden());
    loss = HostMath.softmaxCrossEntropy(z2, problem.labels(), s.outputs(), dz2);
    // Backward.
    HostMath.multiply(a1, true, dz2, false, g.w2(), s.hidden(), s.outputs(), s.batch());
    HostMath.columnSums(dz2, g.b2());
    HostMath.multiply(dz2, false, p.w2(), true, da1, s.batch(), s.hidden(), s.outputs());
    cpu.leakyReluGrad(z1, da1, dz1, alpha);
    HostMath.multiply(problem.x(), true, dz1, false, g.w1(), s.inputs(), s.hidden(), s.batch());
    HostMath.columnSums(dz1, g.b1());
    // SGD.
    for (int i = 0; i < p.arrays().size(); i++) {
      HostMath.addScaled(-problem.learningRate(), g.arrays().get(i), p.arrays().get(i));
    }
  }

  @Override
  public Trace trace() {
    return new Trace(
        z1.clone(),
        a1.clone(),
        z2.clone(),
        dz2.clone(),
        da1.clone(),
        dz1.clone(),
        loss,
        gradients.copy(),
        parameters.copy());
  }

  @Override
  public String describe() {
    return "CPU: plain Java GEMM, rectifier " + cpu.describe();
  }

  @Override
  public void close() {
    cpu.close();
  }
}
