package dev.rectifier;

import dev.rectifier.calls.DevicePrelu;
import dev.rectifier.calls.DeviceRequest;
import dev.rectifier.calls.MemoryChecks;
import java.util.OptionalLong;

/**
 * Ops and copies on a {@link Rectifier}'s device arrays, run once and timed by the device's own
 * clock (OpenCL profiling events), in nanoseconds: what the bench and benchmarks measure kernels
 * by. On the CPU backend, which has no such clock, each runs and returns empty; so does a Rectifier
 * on the user's queue without {@code CL_QUEUE_PROFILING_ENABLE}. The arguments are checked as the
 * untimed calls check them. Get one from {@link Rectifier#timing()}.
 */
public final class DeviceTiming {
  private final Rectifier rectifier;

  DeviceTiming(Rectifier rectifier) {
    this.rectifier = rectifier;
  }

  /**
   * Runs {@link Rectifier#apply(Op, DeviceArray, DeviceArray, DeviceArray, double)} once and
   * returns its kernel time.
   *
   * @throws IllegalArgumentException as {@code apply} does
   * @throws IllegalStateException if an array or the Rectifier is closed
   */
  public OptionalLong kernel(Op op, DeviceArray x, DeviceArray dy, DeviceArray out, double alpha) {
    return rectifier.onDevice(
        new DeviceRequest(rectifier, op, x, dy, out, alpha),
        r -> r.backend().timeKernel(op, x.memory(), r.dyMemory(), out.memory(), r.alpha()));
  }

  /**
   * Runs {@link Rectifier#prelu(DeviceArray, DeviceArray, DeviceArray, int)} once and returns its
   * kernel time.
   *
   * @throws IllegalArgumentException as {@code prelu} does
   * @throws IllegalStateException if an array or the Rectifier is closed
   */
  public OptionalLong prelu(DeviceArray x, DeviceArray y, DeviceArray weight, int inner) {
    return rectifier.onDevice(
        DevicePrelu.of(rectifier, false, x, null, y, weight, inner, null), true);
  }

  /**
   * Runs {@link Rectifier#preluGrad(DeviceArray, DeviceArray, DeviceArray, DeviceArray, int,
   * DeviceArray)} once and returns the time of its kernels (both passes).
   *
   * @throws IllegalArgumentException as {@code preluGrad} does
   * @throws IllegalStateException if an array or the Rectifier is closed
   */
  public OptionalLong preluGrad(
      DeviceArray x,
      DeviceArray dy,
      DeviceArray dx,
      DeviceArray weight,
      int inner,
      DeviceArray dweight) {
    return rectifier.onDevice(
        DevicePrelu.of(rectifier, true, x, dy, dx, weight, inner, dweight), true);
  }

  /**
   * Copies {@code source} into {@code target} on the device ({@code clEnqueueCopyBuffer}) and
   * returns the time of the copy: the bandwidth an op can be measured against. The CPU backend
   * copies too.
   *
   * @throws IllegalArgumentException if the arrays are the same or share memory, differ in
   *     precision or length, or one was made by another Rectifier
   * @throws IllegalStateException if an array or the Rectifier is closed
   */
  public OptionalLong copy(DeviceArray source, DeviceArray target) {
    DeviceRequest.requireMadeBy(rectifier, source, "source");
    DeviceRequest.requireMadeBy(rectifier, target, "target");
    if (source == target) {
      throw new IllegalArgumentException(
          "target must not be source: timing().copy copies between two arrays");
    }
    DeviceRequest.requireSameShape(source, target, "target", "source");
    MemoryChecks.requireApart(source, "source", 0, target, "target", 0, source.length());
    return rectifier.whileOpen(
        () ->
            DeviceArray.using(
                () -> source.owner().timeCopy(source.memory(), target.memory()), source, target));
  }
}
