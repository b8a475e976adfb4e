package dev.rectifier;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_REFERENCE_COUNT;
import static org.jocl.CL.CL_QUEUE_PROPERTIES;
import static org.jocl.CL.CL_QUEUE_REFERENCE_COUNT;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clGetCommandQueueInfo;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetMemObjectInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseMemObject;

import java.util.ArrayList;
import java.util.List;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.cl_queue_properties;

/**
 * What a user's own JOCL code holds: a context and a queue on the first OpenCL device, and the
 * buffers it made there, all released by {@link #close}, as a user would, after the Rectifier is
 * gone. Fails or skips per {@link OpenClRequirement} without a device.
 */
final class UserOpenCl implements AutoCloseable {
  final cl_device_id device;
  final cl_context context;
  final cl_command_queue queue;
  private final List<cl_mem> buffers = new ArrayList<>();

  /** A context and a queue with {@code queueProperties} (e.g. profiling) on the first device. */
  UserOpenCl(long queueProperties) {
    OpenClRequirement.devices();
    cl_platform_id[] platform = new cl_platform_id[1];
    clGetPlatformIDs(1, platform, null);
    cl_device_id[] ids = new cl_device_id[1];
    clGetDeviceIDs(platform[0], CL_DEVICE_TYPE_ALL, 1, ids, null);
    device = ids[0];
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL_CONTEXT_PLATFORM, platform[0]);
    context = clCreateContext(properties, 1, ids, null, null, null);
    cl_queue_properties q = null;
    if (queueProperties != 0) {
      q = new cl_queue_properties();
      q.addProperty(CL_QUEUE_PROPERTIES, queueProperties);
    }
    queue = clCreateCommandQueueWithProperties(context, device, q, null);
  }

  /** A buffer of the user's holding {@code data}. */
  cl_mem buffer(float[] data) {
    return buffer(CL_MEM_READ_WRITE, data);
  }

  /** A buffer of the user's holding {@code data}, made with {@code flags} (e.g. read-only). */
  cl_mem buffer(long flags, float[] data) {
    cl_mem m =
        clCreateBuffer(
            context,
            flags | CL_MEM_COPY_HOST_PTR,
            (long) data.length * Sizeof.cl_float,
            Pointer.to(data),
            null);
    buffers.add(m);
    return m;
  }

  /** The first {@code n} floats of {@code buffer}, read through the user's queue. */
  float[] read(cl_mem buffer, int n) {
    float[] out = new float[n];
    clEnqueueReadBuffer(
        queue, buffer, CL_TRUE, 0, (long) n * Sizeof.cl_float, Pointer.to(out), 0, null, null);
    return out;
  }

  static int references(cl_mem buffer) {
    int[] count = new int[1];
    clGetMemObjectInfo(buffer, CL_MEM_REFERENCE_COUNT, Sizeof.cl_uint, Pointer.to(count), null);
    return count[0];
  }

  int queueReferences() {
    int[] count = new int[1];
    clGetCommandQueueInfo(queue, CL_QUEUE_REFERENCE_COUNT, Sizeof.cl_uint, Pointer.to(count), null);
    return count[0];
  }

  @Override
  public void close() {
    buffers.forEach(m -> clReleaseMemObject(m));
    clReleaseCommandQueue(queue);
    clReleaseContext(context);
  }
}
