package dev.rectifier.opencl;

import static org.jocl.CL.CL_DEVICE_HOST_UNIFIED_MEMORY;
import static org.jocl.CL.clReleaseCommandQueue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.RectifierException;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.PreluShape;
import dev.rectifier.backend.Request;
import dev.rectifier.opencl.transfer.HostTransfer;
import dev.rectifier.opencl.transfer.MappedTransfer;
import dev.rectifier.opencl.transfer.PinnedTransfer;
import dev.rectifier.opencl.transfer.SharedTransfer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jocl.CLException;
import org.jocl.cl_command_queue;

/**
 * The {@link Backend} of one OpenCL device, made of the device's shared context and programs, a
 * queue of its own, the host transfers that suit the device ({@link TransferPath}), {@link Lanes}
 * for requests on Java arrays and {@link DeviceArrays} for arrays that stay on the device. It owns
 * the queue, transfers and lanes, and releases them on {@link #close}. Thread-safe.
 */
public final class OpenClBackend implements Backend {

  /** How chunks of Java arrays reach the device, and how device arrays are made. */
  enum TransferPath {
    /**
     * CPU devices: chunks go through host memory the device uses in place ({@link SharedTransfer}),
     * if it passes its check, else as {@link #MAPPED}; device arrays as {@link #MAPPED}.
     */
    SHARED,
    /** Host-unified devices: buffers the driver allocates in host memory, mapped. */
    MAPPED,
    /** Discrete devices: DMA from pinned staging memory. */
    PINNED
  }

  private static final Logger LOG = System.getLogger("dev.rectifier");

  private final DeviceInfo info;
  private final DeviceContext shared;
  private final cl_command_queue queue;
  private final Map<Precision, ActivationProgram> programs = new EnumMap<>(Precision.class);
  private final HostTransfer transfer;
  private final HostTransfer staging;
  private final Lanes lanes;
  private final DeviceArrays arrays;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OpenClBackend(
      DeviceContext shared, long maxBufferBytes, String source, TransferPath path) {
    this.shared = shared;
    this.info = shared.device().info();
    this.queue = shared.createQueue();
    this.transfer =
        path == TransferPath.PINNED
            ? new PinnedTransfer(shared.context(), queue)
            : new MappedTransfer(shared.context());
    HostTransfer forChunks = transfer;
    try {
      for (Precision p : Precision.values()) {
        if (p == Precision.FLOAT || info.fp64()) {
          programs.put(p, shared.program(p, source));
        }
      }
      if (path == TransferPath.SHARED) {
        forChunks = sharedIfInPlace();
      }
    } catch (RuntimeException e) {
      transfer.close();
      clReleaseCommandQueue(queue);
      throw e;
    }
    this.staging = forChunks;
    this.lanes = new Lanes(shared, programs, staging, maxBufferBytes);
    this.arrays = new DeviceArrays(queue, transfer, programs, maxBufferBytes, info.name());
  }

  /** {@link SharedTransfer} if the device passes its check, else the mapped {@link #transfer}. */
  private HostTransfer sharedIfInPlace() {
    SharedTransfer candidate = new SharedTransfer(shared.context(), queue);
    ActivationProgram floats = programs.get(Precision.FLOAT);
    SharedTransfer.InPlaceRelu relu =
        (q, buffer, n) -> floats.enqueue(q, Op.RELU, buffer, null, buffer, n, 0, null);
    String why;
    boolean inPlace = false;
    try {
      inPlace = shared.worksInPlace(() -> candidate.worksInPlace(relu));
      why = "it does not run kernels on host memory in place";
    } catch (CLException e) {
      why = e.getMessage();
    } finally {
      if (!inPlace) {
        candidate.close();
      }
    }
    if (inPlace) {
      return candidate;
    }
    LOG.log(Level.INFO, "rectifier: {0}: {1}; mapping its buffers instead", info.name(), why);
    return transfer;
  }

  /**
   * Opens the device that {@code selector} names (digits: an index in {@link
   * OpenClRuntime#devices()}, and nothing else; else a substring of a device name), or the
   * {@linkplain OpenClRuntime#best() best} device when {@code selector} is null or blank.
   *
   * @throws dev.rectifier.OpenClUnavailableException if there is no such device
   * @throws RectifierException if the device cannot be set up, or the kernels do not build or
   *     compute wrong ({@link KnownAnswers})
   */
  public static OpenClBackend open(String selector) {
    boolean any = selector == null || selector.isBlank();
    OpenClRuntime.Device device = any ? OpenClRuntime.bestDevice() : OpenClRuntime.select(selector);
    return open(device, device.info().maxAllocationBytes(), KernelSource.activations());
  }

  /**
   * Opens a device with buffers of at most {@code maxBufferBytes} (a smaller limit than the
   * device's forces chunks) and the kernels built from {@code source}.
   */
  static OpenClBackend open(OpenClRuntime.Device device, long maxBufferBytes, String source) {
    return settingUp(
        device,
        () -> new OpenClBackend(DeviceContext.of(device), maxBufferBytes, source, pathFor(device)));
  }

  /** As {@link #open(OpenClRuntime.Device, long, String)}, on the given transfer path. */
  static OpenClBackend open(
      OpenClRuntime.Device device, long maxBufferBytes, String source, TransferPath path) {
    return settingUp(
        device, () -> new OpenClBackend(DeviceContext.of(device), maxBufferBytes, source, path));
  }

  /** Runs {@code opening}, turning a driver error into a {@link RectifierException}. */
  private static OpenClBackend settingUp(
      OpenClRuntime.Device device, Supplier<OpenClBackend> opening) {
    try {
      return opening.get();
    } catch (CLException e) {
      throw new RectifierException(
          "cannot set up OpenCL device " + device.info().describe() + ": " + e.getMessage(), e);
    }
  }

  private static TransferPath pathFor(OpenClRuntime.Device device) {
    if (InfoQuery.intValue(device.id(), CL_DEVICE_HOST_UNIFIED_MEMORY) == 0) {
      return TransferPath.PINNED;
    }
    return device.info().type() == DeviceType.CPU ? TransferPath.SHARED : TransferPath.MAPPED;
  }

  @Override
  public Optional<DeviceInfo> device() {
    return Optional.of(info);
  }

  @Override
  public String describe() {
    return "OpenCL: " + info.describe();
  }

  @Override
  public boolean supports(Precision precision) {
    return programs.containsKey(precision);
  }

  @Override
  public void run(Request request) {
    lanes.run(request);
  }

  /**
   * Copies the arrays to the device whole (device arrays, split at the largest buffer), runs the
   * device-array form there, and copies the results back: unlike the element-wise ops, whose chunks
   * stream through a few buffers, the weight gradient's blocks span the whole array.
   */
  @Override
  public void prelu(PreluRequest r) {
    PreluShape shape = r.shape();
    Precision p = r.precision();
    try (ClMemory x = arrays.allocate(p, shape.length(), r.x());
        ClMemory dy = r.gradient() ? arrays.allocate(p, shape.length(), r.dy()) : null;
        ClMemory weight = arrays.allocate(p, shape.channels(), r.weight());
        ClMemory dweight = r.gradient() ? arrays.allocate(p, shape.channels(), null) : null) {
      ClMemory out = r.gradient() ? dy : x;
      arrays.prelu(shape, x, dy, out, weight, dweight, false);
      out.read(r.out());
      if (dweight != null) {
        dweight.read(r.dweight());
      }
    }
  }

  @Override
  public OptionalLong prelu(
      PreluShape shape,
      DeviceMemory x,
      DeviceMemory dy,
      DeviceMemory out,
      DeviceMemory weight,
      DeviceMemory dweight,
      boolean timed) {
    long ns = arrays.prelu(shape, x, dy, out, weight, dweight, timed);
    return timed ? OptionalLong.of(ns) : OptionalLong.empty();
  }

  @Override
  public DeviceMemory allocate(Precision precision, int length) {
    return arrays.allocate(precision, length, null);
  }

  /** Writes {@code source} into the new buffers directly, without zeroing them first. */
  @Override
  public DeviceMemory upload(HostRange source) {
    return arrays.allocate(source.precision(), source.length(), source);
  }

  @Override
  public void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    arrays.run(op, x, dy, out, alpha);
  }

  @Override
  public OptionalLong timeKernel(
      Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    return OptionalLong.of(arrays.timeKernel(op, x, dy, out, alpha));
  }

  @Override
  public OptionalLong timeCopy(DeviceMemory source, DeviceMemory target) {
    return OptionalLong.of(arrays.timeCopy(source, target));
  }

  /**
   * Releases the lanes, the transfers and the queue; the device's context and kernels stay shared.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    lanes.close();
    if (staging != transfer) {
      staging.close();
    }
    transfer.close();
    clReleaseCommandQueue(queue);
  }
}
