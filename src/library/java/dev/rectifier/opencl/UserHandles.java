package dev.rectifier.opencl;

import static org.jocl.CL.CL_MEM_CONTEXT;
import static org.jocl.CL.CL_MEM_SIZE;
import static org.jocl.CL.CL_QUEUE_CONTEXT;
import static org.jocl.CL.CL_QUEUE_DEVICE;
import static org.jocl.CL.CL_QUEUE_PROPERTIES;
import static org.jocl.CL.clGetCommandQueueInfo;
import static org.jocl.CL.clGetMemObjectInfo;

import dev.rectifier.RectifierException;
import dev.rectifier.opencl.jocl.Jocl;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;

/** Reads and checks the OpenCL objects a user hands in: a queue to run on, a buffer to wrap. */
final class UserHandles {
  private UserHandles() {}

  /** The queue's {@code CL_QUEUE_PROPERTIES}. */
  static long properties(cl_command_queue queue) {
    long[] value = new long[1];
    queried(
        "queue",
        () ->
            Jocl.call(
                () ->
                    clGetCommandQueueInfo(
                        queue, CL_QUEUE_PROPERTIES, Sizeof.cl_ulong, Pointer.to(value), null)));
    return value[0];
  }

  static cl_context context(cl_command_queue queue) {
    cl_context context = new cl_context();
    queried(
        "queue",
        () ->
            Jocl.call(
                () ->
                    clGetCommandQueueInfo(
                        queue, CL_QUEUE_CONTEXT, Sizeof.cl_context, Pointer.to(context), null)));
    return context;
  }

  static cl_device_id device(cl_command_queue queue) {
    cl_device_id device = new cl_device_id();
    queried(
        "queue",
        () ->
            Jocl.call(
                () ->
                    clGetCommandQueueInfo(
                        queue, CL_QUEUE_DEVICE, Sizeof.cl_device_id, Pointer.to(device), null)));
    return device;
  }

  /**
   * Checks that {@code buffer} belongs to {@code context} and holds at least {@code bytes}.
   *
   * @throws IllegalArgumentException if it does not, saying why
   */
  static void checkBuffer(cl_mem buffer, cl_context context, long bytes) {
    cl_context owner = new cl_context();
    long[] size = new long[1];
    queried(
        "buffer",
        () -> {
          Jocl.call(
              () ->
                  clGetMemObjectInfo(
                      buffer, CL_MEM_CONTEXT, Sizeof.cl_context, Pointer.to(owner), null));
          Jocl.call(
              () -> clGetMemObjectInfo(buffer, CL_MEM_SIZE, Sizeof.size_t, Pointer.to(size), null));
        });
    if (!owner.equals(context)) {
      throw new IllegalArgumentException(
          "buffer belongs to another OpenCL context than this Rectifier's queue");
    }
    if (size[0] < bytes) {
      throw new IllegalArgumentException(
          "buffer holds " + size[0] + " bytes, fewer than the " + bytes + " that length needs");
    }
  }

  /** Runs the queries about the user's {@code what}; a driver error names it. */
  private static void queried(String what, Runnable queries) {
    try {
      queries.run();
    } catch (Jocl.Failure e) {
      throw new RectifierException(
          "cannot query the " + what + " given (" + e.getMessage() + "); is it a valid one?", e);
    }
  }
}
