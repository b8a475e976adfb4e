package dev.rectifier.choice;

import dev.rectifier.DeviceInfo;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.PreluMemories;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.Request;
import java.nio.Buffer;
import java.util.Optional;
import java.util.OptionalLong;
import org.jocl.cl_mem;

/**
 * Auto choice's backend when it picks an OpenCL device: requests on Java arrays shorter than the
 * calibrated {@linkplain Calibration crossover} run on the CPU backend, longer ones on the device;
 * device arrays always live on the device.
 */
final class SizeAwareBackend implements Backend {
  private final Backend cpu;
  private final Backend device;
  private final int crossover;

  SizeAwareBackend(Backend cpu, Backend device, int crossover) {
    this.cpu = cpu;
    this.device = device;
    this.crossover = crossover;
  }

  @Override
  public String describe() {
    String small =
        crossover == CalibrationRule.NEVER
            ? "Java arrays on the CPU backend"
            : "Java arrays under " + crossover + " elements on the CPU backend";
    return device.describe() + " (" + small + ")";
  }

  @Override
  public Optional<DeviceInfo> device() {
    return device.device();
  }

  @Override
  public boolean supports(Precision precision) {
    return device.supports(precision);
  }

  @Override
  public void run(Request request) {
    (request.length() < crossover ? cpu : device).run(request);
  }

  @Override
  public void prelu(PreluRequest request) {
    (request.shape().length() < crossover ? cpu : device).prelu(request);
  }

  @Override
  public OptionalLong prelu(PreluMemories m, boolean timed) {
    return device.prelu(m, timed);
  }

  @Override
  public DeviceMemory allocate(Precision precision, int length) {
    return device.allocate(precision, length);
  }

  @Override
  public DeviceMemory upload(HostRange source) {
    return device.upload(source);
  }

  /** On the device from the crossover up, on the CPU backend below it, as requests on arrays. */
  @Override
  public boolean runInPlace(
      Precision precision, Op op, Buffer x, Buffer dy, Buffer out, double alpha) {
    Backend on = x.remaining() < crossover ? cpu : device;
    return on.runInPlace(precision, op, x, dy, out, alpha);
  }

  @Override
  public DeviceMemory wrap(cl_mem buffer, Precision precision, int length) {
    return device.wrap(buffer, precision, length);
  }

  @Override
  public void finish() {
    device.finish();
  }

  @Override
  public void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    device.run(op, x, dy, out, alpha);
  }

  @Override
  public OptionalLong timeKernel(
      Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    return device.timeKernel(op, x, dy, out, alpha);
  }

  @Override
  public OptionalLong timeCopy(DeviceMemory source, DeviceMemory target) {
    return device.timeCopy(source, target);
  }

  @Override
  public void close() {
    device.close();
    cpu.close();
  }
}
