package dev.rectifier.cli;

import dev.rectifier.DeviceArray;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.measure.Stopwatch;
import dev.rectifier.measure.Timing;
import dev.rectifier.verify.PreluCalls;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kernel-only times of one OpenCL {@link Rectifier}: the op on arrays already on the device, timed
 * by the bench's {@link Stopwatch} on the device's profiling events ({@link
 * dev.rectifier.DeviceTiming#kernel}), against the device's own copy bandwidth ({@link
 * dev.rectifier.DeviceTiming#copy}, {@code clEnqueueCopyBuffer}) for the same bytes, measured in
 * the same run. Nothing for the CPU backend, which has no device clock, nor for a precision the
 * device has no program for, whose device arrays and ops the Rectifier keeps on its CPU backend.
 */
final class KernelTimer {
  /** What the device copy baseline is, for the output. */
  static final String COPY_DESCRIPTION = "device clEnqueueCopyBuffer";

  /**
   * A case timed on the device.
   *
   * @param kernel the kernel times
   * @param copyGbps the device's copy bandwidth for the bytes the case moves
   * @param maxUlpDiff the largest distance of the kernel's output from the contract's result
   */
  record Result(Timing kernel, double copyGbps, long maxUlpDiff) {}

  private final Rectifier rectifier;
  private final Stopwatch stopwatch;
  private final Map<List<Object>, Optional<Double>> copyGbps = new HashMap<>();
  private final Map<Precision, Boolean> onDevice = new EnumMap<>(Precision.class);

  KernelTimer(Rectifier rectifier, Stopwatch stopwatch) {
    this.rectifier = rectifier;
    this.stopwatch = stopwatch;
  }

  /**
   * Times {@code c} on device arrays, with the stopwatch's warm-up and repeats, and checks the
   * output against {@code expected}; empty where the device has no clock (the CPU backend, or a
   * precision that runs on its CPU backend: double on a device without fp64, half and bfloat16
   * where it has no program for them).
   */
  Optional<Result> time(Invocation c, Object expected) {
    if (!onDevice(c.precision())) {
      return Optional.empty(); // before copyGbps allocates two arrays only to learn that
    }
    Optional<Double> copy = copyGbps(c.precision(), c.bytesPerOp());
    if (copy.isEmpty()) {
      return Optional.empty();
    }
    Object newDweight = c.newDweight();
    try (DeviceArray x = upload(c.x());
        DeviceArray dy = c.dy() == null ? null : upload(c.dy());
        DeviceArray out = upload(c.newOutput());
        DeviceArray weight = c.weight() == null ? null : upload(c.weight());
        DeviceArray dweight = newDweight == null ? null : upload(newDweight)) {
      Optional<Timing> kernel =
          stopwatch.timeBy(() -> c.timeKernel(rectifier, x, dy, out, weight, dweight));
      if (kernel.isEmpty()) {
        return Optional.empty();
      }
      Object result = PreluCalls.read(out, c.newOutput());
      Object dweightResult = dweight == null ? null : PreluCalls.read(dweight, newDweight);
      return Optional.of(
          new Result(kernel.get(), copy.get(), c.maxUlpDiff(expected, result, dweightResult)));
    }
  }

  /**
   * The device's copy bandwidth for {@code bytesMoved} bytes read and written: one array of half
   * that many bytes copied into another. Measured once per precision and byte count.
   */
  private Optional<Double> copyGbps(Precision precision, long bytesMoved) {
    return copyGbps.computeIfAbsent(
        List.of(precision, bytesMoved),
        k -> {
          int length = (int) Math.max(1, bytesMoved / (2L * precision.bytes()));
          try (DeviceArray from = rectifier.allocate(precision, length);
              DeviceArray to = rectifier.allocate(precision, length)) {
            return stopwatch
                .timeBy(() -> rectifier.timing().copy(from, to))
                .map(t -> 2.0 * length * precision.bytes() / t.medianNs());
          }
        });
  }

  /** {@link BackendSpec#onDevice} for this Rectifier, asked once per precision. */
  boolean onDevice(Precision precision) {
    return onDevice.computeIfAbsent(precision, p -> BackendSpec.onDevice(rectifier, p));
  }

  private DeviceArray upload(Object data) {
    return PreluCalls.upload(rectifier, data);
  }
}
