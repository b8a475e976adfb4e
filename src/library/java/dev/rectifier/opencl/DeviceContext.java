package dev.rectifier.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clRetainContext;

import dev.rectifier.Precision;
import dev.rectifier.cache.ProgramBinaryCache;
import dev.rectifier.opencl.jocl.Jocl;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;

/**
 * One device's OpenCL context and built programs. The context rectifier makes for a device is made
 * on first use and shared by every {@link OpenClBackend} on that device for the life of the JVM:
 * kernels are built once per device (and source and precision), so opening and closing backends is
 * cheap. A user's context ({@link #ofUserContext}) gets programs of its own, released with it.
 */
final class DeviceContext {
  private static final Map<Integer, DeviceContext> SHARED = new ConcurrentHashMap<>();

  /** A program's identity within a context. */
  private record ProgramKey(Precision precision, String source) {}

  private final OpenClRuntime.Device device;
  private final cl_context context;
  private final Optional<ProgramBinaryCache> cache;
  private final Map<ProgramKey, ActivationProgram> programs = new ConcurrentHashMap<>();
  private Boolean worksInPlace;

  private DeviceContext(
      OpenClRuntime.Device device, cl_context context, Optional<ProgramBinaryCache> cache) {
    this.device = device;
    this.context = context;
    this.cache = cache;
  }

  /**
   * The context of {@code device}, created on first use.
   *
   * @throws Jocl.Failure if the driver cannot create it (nothing is kept then)
   */
  static DeviceContext of(OpenClRuntime.Device device) {
    Optional<ProgramBinaryCache> cache = ProgramBinaryCache.fromSettings(); // a bad one: no context
    return SHARED.computeIfAbsent(
        device.info().index(),
        i -> {
          cl_context_properties properties = new cl_context_properties();
          properties.addProperty(CL_CONTEXT_PLATFORM, device.platform());
          cl_device_id[] ids = {device.id()};
          return new DeviceContext(
              device, Jocl.make(s -> clCreateContext(properties, 1, ids, null, null, s)), cache);
        });
  }

  /**
   * The user's {@code context} on {@code device}, retained until {@link #release}; its programs are
   * built (or loaded from the binary cache) for it alone.
   */
  static DeviceContext ofUserContext(OpenClRuntime.Device device, cl_context context) {
    Optional<ProgramBinaryCache> cache = ProgramBinaryCache.fromSettings(); // a bad one: no retain
    Jocl.call(() -> clRetainContext(context));
    return new DeviceContext(device, context, cache);
  }

  /** Releases the programs and the retain of a {@linkplain #ofUserContext user's context}. */
  void release() {
    programs.values().forEach(ActivationProgram::release);
    programs.clear();
    Jocl.call(() -> clReleaseContext(context));
  }

  OpenClRuntime.Device device() {
    return device;
  }

  cl_context context() {
    return context;
  }

  /** A new profiling, in-order queue on this device; its holder releases it. */
  @SuppressWarnings("deprecation") // clCreateCommandQueue is deprecated in 2.0 but on every ICD
  cl_command_queue createQueue() {
    return Jocl.make(s -> clCreateCommandQueue(context, device.id(), CL_QUEUE_PROFILING_ENABLE, s));
  }

  /**
   * Whether kernels on this device work on mapped host memory in place, as {@code check} ({@link
   * dev.rectifier.opencl.transfer.SharedTransfer#worksInPlace}) finds on first use: a property of
   * the device, so later backends read it instead of checking again. An exception from {@code
   * check} keeps nothing.
   */
  synchronized boolean worksInPlace(BooleanSupplier check) {
    if (worksInPlace == null) {
      worksInPlace = check.getAsBoolean();
    }
    return worksInPlace;
  }

  /**
   * The kernels of {@code source} for {@code precision}, built (or loaded from the binary cache) on
   * first use, and checked on {@linkplain KnownAnswers known answers}.
   *
   * @throws dev.rectifier.RectifierException with the build log if they do not build, or with what
   *     they got wrong if they compute wrong (nothing is kept then, so a later call tries again)
   */
  ActivationProgram program(Precision precision, String source) {
    return programs.computeIfAbsent(
        new ProgramKey(precision, source),
        k ->
            ActivationProgram.build(context, device.id(), device.info(), precision, source, cache));
  }
}
