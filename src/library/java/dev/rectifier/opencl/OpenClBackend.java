package dev.rectifier.opencl;

import static org.jocl.CL.CL_DEVICE_HOST_UNIFIED_MEMORY;
import static org.jocl.CL.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clRetainCommandQueue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.RectifierException;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Names;
import dev.rectifier.backend.PreluMemories;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.PreluShape;
import dev.rectifier.backend.Request;
import dev.rectifier.opencl.jocl.Jocl;
import dev.rectifier.opencl.transfer.HostTransfer;
import dev.rectifier.opencl.transfer.MappedTransfer;
import dev.rectifier.opencl.transfer.PinnedTransfer;
import dev.rectifier.opencl.transfer.SharedTransfer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.Buffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * The {@link Backend} of one OpenCL device, made of the device's context and programs, a queue (its
 * own, or the user's: {@link #onQueue}), the host transfers that suit the device ({@link
 * TransferPath}), {@link Lanes} for requests on Java arrays and {@link DeviceArrays} for arrays
 * that stay on the device. It holds a reference to the queue, and owns the transfers and lanes;
 * {@link #close} waits for the queue and releases them. Thread-safe.
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
  private final boolean profiling;
  private final Runnable releaseContext;
  private final Map<Precision, ActivationProgram> programs = new EnumMap<>(Precision.class);
  private final HostTransfer transfer;
  private final HostTransfer staging;
  private final Lanes lanes;
  private final DeviceArrays arrays;

  /** Runs ops on direct buffers in place; null on a device that does not share host memory. */
  private final DirectBuffers direct;

  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A backend on {@code queue}, a reference this backend holds and releases on close (as it does
   * {@code releaseContext}, also when this constructor fails); Java arrays run on lanes with queues
   * from {@code newQueue}.
   */
  private OpenClBackend(
      DeviceContext shared,
      cl_command_queue queue,
      boolean profiling,
      Runnable releaseContext,
      Supplier<cl_command_queue> newQueue,
      long maxBufferBytes,
      String source,
      TransferPath path) {
    this.shared = shared;
    this.info = shared.device().info();
    this.queue = queue;
    this.profiling = profiling;
    this.releaseContext = releaseContext;
    HostTransfer made = null;
    HostTransfer forChunks;
    try {
      made =
          path == TransferPath.PINNED
              ? new PinnedTransfer(shared.context(), queue)
              : new MappedTransfer(shared.context());
      programs.put(Precision.FLOAT, shared.program(Precision.FLOAT, source));
      if (info.fp64()) {
        programs.put(Precision.DOUBLE, shared.program(Precision.DOUBLE, source));
      }
      for (Precision p : new Precision[] {Precision.HALF, Precision.BFLOAT16}) {
        sixteenBit(p, source).ifPresent(program -> programs.put(p, program));
      }
      forChunks = path == TransferPath.SHARED ? sharedIfInPlace(made) : made;
    } catch (RuntimeException e) {
      if (made != null) {
        made.close();
      }
      Jocl.call(() -> clReleaseCommandQueue(queue));
      releaseContext.run();
      throw e;
    }
    this.transfer = made;
    this.staging = forChunks;
    this.lanes = new Lanes(info.name(), programs, staging, maxBufferBytes, newQueue);
    this.arrays = new DeviceArrays(queue, transfer, programs, maxBufferBytes, info.name());
    this.direct =
        path == TransferPath.PINNED
            ? null
            : new DirectBuffers(shared.context(), queue, programs, maxBufferBytes, info.name());
  }

  /**
   * The program of a 16-bit precision, if it builds and gives the known answers; else empty, with
   * the reason logged: the device still serves FLOAT (and DOUBLE), and the precision runs on the
   * CPU backend, as DOUBLE does on a device without {@code cl_khr_fp64}.
   */
  private Optional<ActivationProgram> sixteenBit(Precision precision, String source) {
    try {
      return Optional.of(shared.program(precision, source));
    } catch (RectifierException e) {
      LOG.log(
          Level.WARNING,
          "rectifier: {0}: no {1} kernels ({2}); its {1} ops run on the CPU backend",
          info.name(),
          Names.cType(precision),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** {@link SharedTransfer} if the device passes its check, else {@code mapped}. */
  private HostTransfer sharedIfInPlace(HostTransfer mapped) {
    SharedTransfer candidate = new SharedTransfer(shared.context(), queue);
    ActivationProgram floats = programs.get(Precision.FLOAT);
    SharedTransfer.InPlaceRelu relu =
        (q, buffer, n) -> floats.enqueue(q, Op.RELU, buffer, null, buffer, n, 0, null);
    String why;
    boolean inPlace = false;
    try {
      inPlace = shared.worksInPlace(() -> candidate.worksInPlace(relu));
      why = "it does not run kernels on host memory in place";
    } catch (Jocl.Failure e) {
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
    return mapped;
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
    return open(device, maxBufferBytes, source, pathFor(device));
  }

  /** As {@link #open(OpenClRuntime.Device, long, String)}, on the given transfer path. */
  static OpenClBackend open(
      OpenClRuntime.Device device, long maxBufferBytes, String source, TransferPath path) {
    return settingUp(
        device,
        () -> {
          DeviceContext shared = DeviceContext.of(device);
          return new OpenClBackend(
              shared,
              shared.createQueue(),
              true,
              () -> {},
              shared::createQueue,
              maxBufferBytes,
              source,
              path);
        });
  }

  /**
   * A backend on the user's {@code queue}, its context and device: every command, of device arrays
   * and of Java arrays alike, goes on that queue. It holds a reference to the queue and the context
   * while open, and builds the kernels for that context.
   *
   * @throws IllegalArgumentException if the queue runs commands out of order
   * @throws dev.rectifier.OpenClUnavailableException if no platform lists the queue's device
   * @throws RectifierException if the queue cannot be queried or the kernels do not build
   */
  public static OpenClBackend onQueue(cl_command_queue queue) {
    long properties = UserHandles.properties(queue);
    if ((properties & CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE) != 0) {
      throw new IllegalArgumentException(
          "queue runs commands out of order (CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE): rectifier"
              + " needs an in-order queue, since each op reads what the ops before it wrote");
    }
    OpenClRuntime.Device device = OpenClRuntime.withId(UserHandles.device(queue));
    return settingUp(
        device,
        () -> {
          DeviceContext shared = DeviceContext.ofUserContext(device, UserHandles.context(queue));
          Supplier<cl_command_queue> retained =
              () -> {
                Jocl.call(() -> clRetainCommandQueue(queue));
                return queue;
              };
          return new OpenClBackend(
              shared,
              retained.get(),
              (properties & CL_QUEUE_PROFILING_ENABLE) != 0,
              shared::release,
              retained,
              device.info().maxAllocationBytes(),
              KernelSource.activations(),
              pathFor(device));
        });
  }

  /** Runs {@code opening}, turning a driver error into a {@link RectifierException}. */
  private static OpenClBackend settingUp(
      OpenClRuntime.Device device, Supplier<OpenClBackend> opening) {
    try {
      return opening.get();
    } catch (Jocl.Failure e) {
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
   * Streams the arrays through the lanes in chunks, as the element-wise ops do, with the weights in
   * one device buffer: the forward op's chunks in parallel; the gradient's first pass in groups of
   * whole blocks of its rows (each block's chunks in order, as a column's sum goes on from one
   * chunk into the next), then its second pass on the device ({@link DeviceArrays#preluGrad}).
   * Device buffers of whole arrays, made afresh for each call, cost more than the kernels: the
   * driver's new memory is faulted in page by page on its first touch.
   */
  @Override
  public void prelu(PreluRequest r) {
    PreluShape shape = r.shape();
    Precision w = r.weight().precision(); // FLOAT for 16-bit elements
    try (ClMemory weight = arrays.allocate(w, shape.channels(), r.weight())) {
      cl_mem slopes = DeviceArrays.single(weight, "weight").segment(0);
      if (!r.gradient()) {
        lanes.prelu(r, slopes);
        return;
      }
      try (ClMemory dweight = arrays.allocate(w, shape.channels(), null)) {
        arrays.preluGrad(
            r.precision(),
            shape,
            dweight,
            (passes, part) -> lanes.preluGrad(r, slopes, passes, part));
        dweight.read(0, r.dweight());
      }
    }
  }

  @Override
  public OptionalLong prelu(PreluMemories m, boolean timed) {
    boolean clock = timed && profiling; // a user's queue may have no profiling
    long ns = arrays.prelu(m, clock);
    return clock ? OptionalLong.of(ns) : OptionalLong.empty();
  }

  /**
   * On the device, where both memories are one buffer each (else false: the caller converts through
   * host arrays).
   */
  @Override
  public boolean convert(DeviceMemory source, DeviceMemory target, Precision format) {
    return programs.containsKey(format) && arrays.convert(source, target, programs.get(format));
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

  /** In place on a device that shares host memory, when every buffer is direct. */
  @Override
  public boolean runInPlace(
      Precision precision, Op op, Buffer x, Buffer dy, Buffer out, double alpha) {
    if (direct == null
        || precision.sixteenBit()
        || !x.isDirect()
        || (dy != null && !dy.isDirect())
        || !out.isDirect()) {
      // 16-bit buffers are staged: a user's buffer may start at any even address, and PoCL 3.1
      // compiled vload_halfN to a load that assumes vector alignment (it faulted in a kernel).
      return false;
    }
    direct.run(precision, op, x, dy, out, alpha);
    return true;
  }

  @Override
  public DeviceMemory wrap(cl_mem buffer, Precision precision, int length) {
    UserHandles.Wrapped facts =
        UserHandles.checkBuffer(buffer, shared.context(), (long) length * precision.bytes());
    return arrays.wrap(buffer, facts, precision, length);
  }

  @Override
  public void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    arrays.run(op, x, dy, out, alpha);
  }

  /** Empty, having run the op, on a user's queue without profiling. */
  @Override
  public OptionalLong timeKernel(
      Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    if (!profiling) {
      run(op, x, dy, out, alpha);
      return OptionalLong.empty();
    }
    return OptionalLong.of(arrays.timeKernel(op, x, dy, out, alpha));
  }

  /** Empty, having copied, on a user's queue without profiling. */
  @Override
  public OptionalLong timeCopy(DeviceMemory source, DeviceMemory target) {
    if (!profiling) {
      int length = ((ClMemory) source).length();
      source.copyTo(0, target, 0, length);
      return OptionalLong.empty();
    }
    return OptionalLong.of(arrays.timeCopy(source, target));
  }

  @Override
  public void finish() {
    arrays.finish();
  }

  /**
   * Waits for the queue, then releases the lanes, the transfers and this backend's reference to the
   * queue; a failure nobody has seen yet is logged. The kernels of a device's shared context stay;
   * a user's context is released with its kernels.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      arrays.finish();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "rectifier: closing with a failure nobody has seen: {0}", e);
    }
    lanes.close();
    if (staging != transfer) {
      staging.close();
    }
    transfer.close();
    Jocl.call(() -> clReleaseCommandQueue(queue));
    releaseContext.run();
  }
}
