package dev.rectifier.examples.mlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jocl.cl_mem;

/**
 * The training step on one OpenCL queue, with no host round trip inside it: the matrix products,
 * bias adds, bias gradients, loss sum and SGD update by CLBlast ({@link ClBlas}), softmax
 * cross-entropy by the example's own kernel ({@link LossKernel}), the Leaky ReLU and its gradient
 * by rectifier ({@link DeviceActivations}). {@link #run()} enqueues the whole step and then waits
 * once, at its end, by rectifier's {@code finish()}, which also reports a rectifier op that failed
 * on the device.
 */
public final class DeviceStep implements TrainingStep {
  private final OpenClQueue cl;
  private final Problem problem;
  private final DeviceBuffers buffers;
  private final ClBlas blas;
  private final LossKernel lossKernel;
  private final DeviceActivations activations;
  private final cl_mem x;
  private final cl_mem labels;
  private final List<cl_mem> parameters; // w1, b1, w2, b2 as Parameters.arrays()
  private final List<cl_mem> gradients; // likewise
  private final cl_mem z1;
  private final cl_mem a1;
  private final cl_mem z2;
  private final cl_mem dz2;
  private final cl_mem da1;
  private final cl_mem dz1;
  private final cl_mem rowLoss;
  private final cl_mem loss;

  /**
   * A step on {@code cl}'s queue that starts from {@code problem}'s parameters; the queue stays the
   * caller's (closing the step releases only what the step made).
   */
  public DeviceStep(OpenClQueue cl, Problem problem) {
    this.cl = cl;
    this.problem = problem;
    Shape s = problem.shape();
    buffers = new DeviceBuffers(cl);
    LossKernel kernel = null;
    try {
      float[] ones = new float[s.batch()];
      Arrays.fill(ones, 1f);
      blas = new ClBlas(cl.queue(), buffers.copyOf(ones));
      x = buffers.copyOf(problem.x());
      labels = buffers.copyOf(problem.labels());
      parameters = problem.start().arrays().stream().map(buffers::copyOf).toList();
      gradients = problem.start().arrays().stream().map(p -> buffers.zeros(p.length)).toList();
      int hidden = s.batch() * s.hidden();
      z1 = buffers.zeros(hidden);
      a1 = buffers.zeros(hidden);
      da1 = buffers.zeros(hidden);
      dz1 = buffers.zeros(hidden);
      z2 = buffers.zeros(s.batch() * s.outputs());
      dz2 = buffers.zeros(s.batch() * s.outputs());
      rowLoss = buffers.zeros(s.batch());
      loss = buffers.zeros(1);
      kernel = new LossKernel(cl);
      activations = new DeviceActivations(cl.queue(), z1, a1, da1, dz1, hidden, problem.alpha());
    } catch (RuntimeException e) { // no device memory, a build failure: release what was made
      if (kernel != null) {
        kernel.close();
      }
      buffers.close();
      throw e;
    }
    lossKernel = kernel;
  }

  @Override
  public void run() {
    Shape s = problem.shape();
    cl_mem w1 = parameters.get(0);
    cl_mem b1 = parameters.get(1);
    cl_mem w2 = parameters.get(2);
    cl_mem b2 = parameters.get(3);
    cl_mem dw1 = gradients.get(0);
    cl_mem db1 = gradients.get(1);
    cl_mem dw2 = gradients.get(2);
    cl_mem db2 = gradients.get(3);
    // Forward.
    blas.multiply(x, false, w1, false, z1, s.batch(), s.hidden(), s.inputs());
    blas.addToRows(z1, s.batch(), s.hidden(), b1);
    activations.forward();
    blas.multiply(a1, false, w2, false, z2, s.batch(), s.outputs(), s.hidden());
    blas.addToRows(z2, s.batch(), s.outputs(), b2);
    lossKernel.enqueue(z2, labels, s.batch(), s.outputs(), dz2, rowLoss);
    blas.sum(rowLoss, s.batch(), loss);
    // Backward.
    blas.multiply(a1, true, dz2, false, dw2, s.hidden(), s.outputs(), s.batch());
    blas.columnSums(dz2, s.batch(), s.outputs(), db2);
    blas.multiply(dz2, false, w2, true, da1, s.batch(), s.hidden(), s.outputs());
    activations.backward();
    blas.multiply(x, true, dz1, false, dw1, s.inputs(), s.hidden(), s.batch());
    blas.columnSums(dz1, s.batch(), s.hidden(), db1);
    // SGD.
    List<float[]> sizes = problem.start().arrays();
    for (int i = 0; i < parameters.size(); i++) {
      blas.addScaled(
          -problem.learningRate(), gradients.get(i), parameters.get(i), sizes.get(i).length);
    }
    activations.finish();
  }

  @Override
  public Trace trace() {
    Shape s = problem.shape();
    int hidden = s.batch() * s.hidden();
    int outputs = s.batch() * s.outputs();
    return new Trace(
        buffers.read(z1, hidden),
        buffers.read(a1, hidden),
        buffers.read(z2, outputs),
        buffers.read(dz2, outputs),
        buffers.read(da1, hidden),
        buffers.read(dz1, hidden),
        buffers.read(loss, 1)[0],
        read(gradients),
        read(parameters));
  }

  private Parameters read(List<cl_mem> four) {
    List<float[]> sizes = problem.start().arrays();
    List<float[]> host = new ArrayList<>();
    for (int i = 0; i < four.size(); i++) {
      host.add(buffers.read(four.get(i), sizes.get(i).length));
    }
    return Parameters.of(host);
  }

  @Override
  public String describe() {
    return "OpenCL " + cl.describe() + ": CLBlast GEMM, rectifier " + activations.describe();
  }

  @Override
  public void close() {
    activations.close();
    lossKernel.close();
    buffers.close();
  }
}
