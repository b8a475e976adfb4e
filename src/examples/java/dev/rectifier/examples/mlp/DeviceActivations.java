package dev.rectifier.examples.mlp;

import dev.rectifier.DeviceArray;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.util.ArrayList;
import java.util.List;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * The Leaky ReLU and its gradient by rectifier, on the example's own queue and buffers: the one
 * place where the example calls rectifier on the device. It wraps the step's four buffers once
 * (views: closing releases only rectifier's hold on them); each op is enqueued behind what the
 * queue already holds and returns without waiting, and {@link #finish()} ends a step.
 */
final class DeviceActivations implements AutoCloseable {
  private final Rectifier rectifier;
  private final DeviceArray z;
  private final DeviceArray a;
  private final DeviceArray da;
  private final DeviceArray dz;
  private final double alpha;
  private final List<DeviceArray> views = new ArrayList<>();

  /**
   * @param queue the in-order queue the step runs on (rectifier never releases it)
   * @param z the pre-activations
   * @param a where {@link #forward()} writes {@code leakyRelu(z)}
   * @param da the loss's gradient with respect to {@code a}
   * @param dz where {@link #backward()} writes {@code leakyReluGrad(z, da)}
   * @param length the floats in each buffer
   * @param alpha the slope for {@code z ≤ 0}
   */
  DeviceActivations(
      cl_command_queue queue, cl_mem z, cl_mem a, cl_mem da, cl_mem dz, int length, float alpha) {
    rectifier = Rectifier.openCl(queue);
    try {
      this.z = view(z, length);
      this.a = view(a, length);
      this.da = view(da, length);
      this.dz = view(dz, length);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.alpha = alpha;
  }

  private DeviceArray view(cl_mem buffer, int length) {
    DeviceArray view = rectifier.wrap(buffer, Precision.FLOAT, length);
    views.add(view);
    return view;
  }

  /** Enqueues {@code a = leakyRelu(z)}. */
  void forward() {
    rectifier.leakyRelu(z, a, alpha);
  }

  /** Enqueues {@code dz = leakyReluGrad(z, da)}. */
  void backward() {
    rectifier.leakyReluGrad(z, da, dz, alpha);
  }

  /**
   * Waits until the queue has run everything enqueued on it, CLBlast's commands included
   * (rectifier's {@code finish()} is a {@code clFinish} of its queue), then reports an activation
   * that failed on the device.
   *
   * @throws dev.rectifier.RectifierException naming the op that failed
   */
  void finish() {
    rectifier.finish();
  }

  /** rectifier's description of its backend. */
  String describe() {
    return rectifier.describe();
  }

  @Override
  public void close() {
    views.forEach(DeviceArray::close);
    rectifier.close();
  }
}
