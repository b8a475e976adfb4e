package dev.rectifier.opencl;

import static org.jocl.CL.CL_DEVICE_HOST_UNIFIED_MEMORY;
import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clEnqueueCopyBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clWaitForEvents;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.RectifierException;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.DoubleRequest;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Request;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;
import org.jocl.cl_mem;

/**
 * Runs requests on one OpenCL device. Requests on Java arrays go through the device in chunks of at
 * most {@link #CHUNK_BYTES}: each chunk is copied into a device buffer (a {@link TransferPath}),
 * transformed in place there, and copied back out. Chunks run in parallel on the common fork-join
 * pool, each on a lane (a queue and buffers) of its own, so one chunk's copies overlap another's
 * kernel. {@link ClMemory} arrays stay on the device and use the backend's main queue. Thread-safe.
 */
public final class OpenClBackend implements Backend {
  /**
   * The most bytes of one array moved per chunk of a request on Java arrays: large enough that the
   * driver's per-command cost vanishes, small enough to stay in the CPU's last-level cache on a
   * host-unified device, where the kernel then reads what the copy just wrote.
   */
  static final long CHUNK_BYTES = 4L << 20;

  /**
   * A queue of its own and the device buffers chunks pass through on it: chunks on different lanes
   * run at the same time, so one chunk's copies overlap another's kernel.
   */
  private record Lane(cl_command_queue queue, cl_mem x, cl_mem dy) {}

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
  private final long maxBufferBytes;
  private final long chunkBytes;
  private final HostTransfer transfer;
  private final HostTransfer staging;
  private final Queue<Lane> idleLanes = new ConcurrentLinkedQueue<>();
  private final Queue<Lane> allLanes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private OpenClBackend(
      DeviceContext shared, long maxBufferBytes, String source, TransferPath path) {
    this.shared = shared;
    this.info = shared.device().info();
    this.maxBufferBytes = maxBufferBytes;
    this.chunkBytes = Math.min(CHUNK_BYTES, maxBufferBytes);
    this.queue = createQueue(shared);
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
      close();
      throw e;
    }
    this.staging = forChunks;
  }

  /** {@link SharedTransfer} if the device passes its check, else the mapped {@link #transfer}. */
  private HostTransfer sharedIfInPlace() {
    SharedTransfer candidate = new SharedTransfer(shared.context(), queue);
    String why;
    try {
      if (shared.worksInPlace(() -> candidate.worksInPlace(programs.get(Precision.FLOAT)))) {
        return candidate;
      }
      why = "it does not run kernels on host memory in place";
    } catch (CLException e) {
      why = e.getMessage();
    }
    candidate.close();
    LOG.log(Level.INFO, "rectifier: {0}: {1}; mapping its buffers instead", info.name(), why);
    return transfer;
  }

  /**
   * Opens the device that {@code selector} names (an index in {@link OpenClRuntime#devices()} or a
   * substring of a device name), or the {@linkplain OpenClRuntime#best() best} device when {@code
   * selector} is null or blank.
   *
   * @throws dev.rectifier.OpenClUnavailableException if there is no such device
   * @throws RectifierException if the device cannot be set up or the kernels do not build
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

  /** A profiling, in-order queue on the device of {@code shared}. */
  @SuppressWarnings("deprecation") // clCreateCommandQueue is deprecated in 2.0 but on every ICD
  static cl_command_queue createQueue(DeviceContext shared) {
    return clCreateCommandQueue(
        shared.context(), shared.device().id(), CL_QUEUE_PROFILING_ENABLE, null);
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
    if (request instanceof FloatRequest r) {
      run(request, HostRange.of(r.x()), HostRange.of(r.dy()), HostRange.of(r.out()), r.alpha());
    } else {
      DoubleRequest r = (DoubleRequest) request;
      run(request, HostRange.of(r.x()), HostRange.of(r.dy()), HostRange.of(r.out()), r.alpha());
    }
  }

  /**
   * A request with its arrays as host ranges ({@code dy} null unless it is a gradient), run by
   * {@link #runChunk} chunk by chunk.
   */
  private record Job(
      Request r,
      ActivationProgram program,
      HostRange x,
      HostRange dy,
      HostRange out,
      double alpha) {

    /** Whether {@code dy}'s range is {@code x}'s, so that one buffer holds both. */
    boolean dyIsX() {
      return dy != null && dy.sameArray(x) && r.dyOffset() == r.xOffset();
    }
  }

  /** Runs {@code r} on its arrays {@code x}, {@code dy} (or null) and {@code out}, in chunks. */
  private void run(Request r, HostRange x, HostRange dy, HostRange out, double alpha) {
    Job job = new Job(r, programs.get(r.precision()), x, dy, out, alpha);
    int perChunk = (int) (chunkBytes / r.precision().bytes());
    int chunks = (int) (((long) r.length() + perChunk - 1) / perChunk);
    IntConsumer chunk =
        c -> {
          int start = c * perChunk;
          Lane lane = borrowLane();
          try {
            runChunk(job, lane, start, Math.min(perChunk, r.length() - start));
          } finally {
            idleLanes.add(lane);
          }
        };
    guarded(
        r.op().toString(),
        () -> {
          if (chunks == 1) {
            chunk.accept(0);
          } else {
            IntStream.range(0, chunks).parallel().forEach(chunk);
          }
          return null;
        });
  }

  /** Runs elements {@code [start, start + n)} of the job's ranges, in place on the device. */
  private void runChunk(Job job, Lane lane, int start, int n) {
    Request r = job.r();
    cl_command_queue q = lane.queue();
    staging.write(q, job.x().slice(r.xOffset() + start, n), lane.x(), 0);
    cl_mem dy = null;
    if (r.op().isGradient()) {
      dy = job.dyIsX() ? lane.x() : lane.dy();
      if (!job.dyIsX()) {
        staging.write(q, job.dy().slice(r.dyOffset() + start, n), dy, 0);
      }
    }
    cl_mem out = dy != null ? dy : lane.x();
    job.program().enqueue(q, r.op(), lane.x(), dy, out, n, job.alpha(), null);
    staging.read(q, out, 0, job.out().slice(r.outOffset() + start, n));
  }

  private Lane borrowLane() {
    Lane lane = idleLanes.poll();
    if (lane == null) {
      lane =
          new Lane(createQueue(shared), staging.allocate(chunkBytes), staging.allocate(chunkBytes));
      allLanes.add(lane);
    }
    return lane;
  }

  @Override
  public DeviceMemory allocate(Precision precision, int length) {
    return memory(precision, length, null);
  }

  /** Writes {@code source} into the new buffers directly, without zeroing them first. */
  @Override
  public DeviceMemory upload(HostRange source) {
    return memory(source.precision(), source.length(), source);
  }

  /** New device memory holding {@code initial}, or zeros when it is null. */
  private ClMemory memory(Precision precision, int length, HostRange initial) {
    return guarded(
        "allocating " + length + " " + precision.cType() + "s",
        () ->
            new ClMemory(queue, transfer, precision, length, maxBufferBytes, info.name(), initial));
  }

  @Override
  public void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    guarded(op.toString(), () -> enqueue(op, x, dy, out, alpha, false));
  }

  @Override
  public OptionalLong timeKernel(
      Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    return OptionalLong.of(guarded(op.toString(), () -> enqueue(op, x, dy, out, alpha, true)));
  }

  @Override
  public OptionalLong timeCopy(DeviceMemory source, DeviceMemory target) {
    ClMemory from = (ClMemory) source;
    ClMemory to = (ClMemory) target;
    return OptionalLong.of(
        guarded(
            "copy",
            () -> {
              cl_event[] events = new cl_event[from.segments()];
              for (int s = 0; s < events.length; s++) {
                events[s] = new cl_event();
                clEnqueueCopyBuffer(
                    queue,
                    from.segment(s),
                    to.segment(s),
                    0,
                    0,
                    from.segmentBytes(s),
                    0,
                    null,
                    events[s]);
              }
              return elapsed(events);
            }));
  }

  /**
   * Enqueues {@code op} on every segment, waits, and returns the kernels' time if {@code timed}.
   */
  private long enqueue(
      Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha, boolean timed) {
    ClMemory in = (ClMemory) x;
    ClMemory gradient = (ClMemory) dy;
    ClMemory target = (ClMemory) out;
    ActivationProgram program = programs.get(in.precision());
    cl_event[] events = new cl_event[in.segments()];
    for (int s = 0; s < events.length; s++) {
      events[s] = timed ? new cl_event() : null;
      program.enqueue(
          queue,
          op,
          in.segment(s),
          gradient == null ? null : gradient.segment(s),
          target.segment(s),
          in.segmentLength(s),
          alpha,
          events[s]);
    }
    if (!timed) {
      clFinish(queue);
      return 0;
    }
    return elapsed(events);
  }

  /** Waits for {@code events} and returns the sum of their device times; releases them. */
  private static long elapsed(cl_event[] events) {
    if (events.length == 0) {
      return 0;
    }
    clWaitForEvents(events.length, events);
    long total = 0;
    long[] start = new long[1];
    long[] end = new long[1];
    for (cl_event e : events) {
      clGetEventProfilingInfo(
          e, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
      clGetEventProfilingInfo(e, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
      total += end[0] - start[0];
      clReleaseEvent(e);
    }
    return total;
  }

  private <T> T guarded(String what, Supplier<T> work) {
    return Guard.guarded(what, info.name(), work);
  }

  /** Releases this backend's buffers and queue; the device's context and kernels stay shared. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (staging != null && staging != transfer) {
      staging.close();
    }
    for (Lane lane = allLanes.poll(); lane != null; lane = allLanes.poll()) {
      clReleaseMemObject(lane.x());
      clReleaseMemObject(lane.dy());
      clReleaseCommandQueue(lane.queue());
    }
    idleLanes.clear();
    transfer.close();
    clReleaseCommandQueue(queue);
  }
}
