package dev.rectifier.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseMemObject;

import dev.rectifier.Backend;
import dev.rectifier.Precision;
import dev.rectifier.RectifierException;
import dev.rectifier.Request;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;

/**
 * Runs requests on one OpenCL device: copies the input ranges into device buffers, runs the kernel,
 * and reads the output range back, in chunks no larger than the device's largest buffer.
 * Thread-safe.
 */
public final class OpenClBackend implements Backend {
  private final DeviceInfo info;
  private final cl_context context;
  private final cl_command_queue queue;
  private final Map<Precision, ActivationProgram> programs = new EnumMap<>(Precision.class);
  private final long maxBufferBytes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OpenClBackend(OpenClRuntime.Device device, long maxBufferBytes, String source) {
    this.info = device.info();
    this.maxBufferBytes = maxBufferBytes;
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL_CONTEXT_PLATFORM, device.platform());
    cl_device_id[] ids = {device.id()};
    this.context = clCreateContext(properties, 1, ids, null, null, null);
    try {
      this.queue = createQueue(context, device.id());
      for (Precision p : Precision.values()) {
        if (p == Precision.FLOAT || info.fp64()) {
          programs.put(p, ActivationProgram.build(context, device.id(), info.name(), p, source));
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
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
    try {
      return new OpenClBackend(device, maxBufferBytes, source);
    } catch (CLException e) {
      throw new RectifierException(
          "cannot set up OpenCL device " + device.info().describe() + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("deprecation") // clCreateCommandQueue is deprecated in 2.0 but on every ICD
  private static cl_command_queue createQueue(cl_context context, cl_device_id device) {
    return clCreateCommandQueue(context, device, 0, null);
  }

  /** The device this backend runs on. */
  public DeviceInfo device() {
    return info;
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
    ActivationProgram program = programs.get(request.precision());
    long chunk = Math.max(1, maxBufferBytes / request.precision().bytes());
    try {
      for (long start = 0; start < request.length(); start += chunk) {
        int n = (int) Math.min(chunk, request.length() - start);
        runChunk(program, request, (int) start, n);
      }
    } catch (CLException e) {
      throw new RectifierException(
          request.op() + " on OpenCL device " + info.name() + " failed: " + e.getMessage(), e);
    }
  }

  /** Runs elements {@code [start, start + n)} of the request's ranges. */
  private void runChunk(ActivationProgram program, Request r, int start, int n) {
    int elementBytes = r.precision().bytes();
    long bytes = (long) n * elementBytes;
    List<cl_mem> created = new ArrayList<>(3);
    try {
      cl_mem x = upload(r.x(), r.xOffset() + start, bytes, elementBytes, created);
      cl_mem dy = null;
      if (r.op().isGradient()) {
        boolean dyIsX = r.dy() == r.x() && r.dyOffset() == r.xOffset();
        dy = dyIsX ? x : upload(r.dy(), r.dyOffset() + start, bytes, elementBytes, created);
      }
      cl_mem out;
      if (r.out() == r.x() && r.outOffset() == r.xOffset()) {
        out = x;
      } else if (r.out() == r.dy() && r.outOffset() == r.dyOffset()) {
        out = dy;
      } else {
        out = clCreateBuffer(context, CL_MEM_WRITE_ONLY, bytes, null, null);
        created.add(out);
      }
      program.enqueue(queue, r.op(), x, dy, out, n, r.alpha());
      Pointer host = host(r.out(), r.outOffset() + start, elementBytes);
      clEnqueueReadBuffer(queue, out, CL_TRUE, 0, bytes, host, 0, null, null);
    } finally {
      created.forEach(m -> clReleaseMemObject(m));
    }
  }

  private cl_mem upload(
      Object array, int offset, long bytes, int elementBytes, List<cl_mem> created) {
    Pointer host = host(array, offset, elementBytes);
    cl_mem buffer =
        clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, bytes, host, null);
    created.add(buffer);
    return buffer;
  }

  private static Pointer host(Object array, int offset, int elementBytes) {
    Pointer base = array instanceof double[] d ? Pointer.to(d) : Pointer.to((float[]) array);
    return base.withByteOffset((long) offset * elementBytes);
  }

  /** Releases the kernels, programs, queue and context. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    programs.values().forEach(ActivationProgram::close);
    if (queue != null) {
      clReleaseCommandQueue(queue);
    }
    clReleaseContext(context);
  }
}
