package dev.rectifier.opencl;

import static org.jocl.CL.CL_MEM_ASSOCIATED_MEMOBJECT;
import static org.jocl.CL.CL_MEM_CONTEXT;
import static org.jocl.CL.CL_MEM_FLAGS;
import static org.jocl.CL.CL_MEM_HOST_NO_ACCESS;
import static org.jocl.CL.CL_MEM_HOST_READ_ONLY;
import static org.jocl.CL.CL_MEM_HOST_WRITE_ONLY;
import static org.jocl.CL.CL_MEM_OFFSET;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_SIZE;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;
import static org.jocl.CL.CL_QUEUE_CONTEXT;
import static org.jocl.CL.CL_QUEUE_DEVICE;
import static org.jocl.CL.CL_QUEUE_PROPERTIES;
import static org.jocl.CL.clGetCommandQueueInfo;
import static org.jocl.CL.clGetMemObjectInfo;

import dev.rectifier.RectifierException;
import dev.rectifier.backend.Footprint;
import dev.rectifier.opencl.jocl.Jocl;
import java.util.EnumSet;
import java.util.Set;
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
   * What a wrapped buffer is made of: the memory object it lies in (the parent of a sub-buffer,
   * else the buffer), the offset of its first byte there, and its flags that forbid a use.
   */
  record Wrapped(cl_mem parent, long offset, Set<Footprint.Flag> flags) {}

  /**
   * Checks that {@code buffer} belongs to {@code context} and holds at least {@code bytes}, and
   * reads where it lies ({@code CL_MEM_ASSOCIATED_MEMOBJECT}, {@code CL_MEM_OFFSET}) and its flags.
   *
   * @throws IllegalArgumentException if it does not, saying why
   */
  static Wrapped checkBuffer(cl_mem buffer, cl_context context, long bytes) {
    cl_context owner = new cl_context();
    long[] size = new long[1];
    long[] flags = new long[1];
    cl_mem parent = new cl_mem();
    long[] offset = new long[1];
    queried(
        "buffer",
        () -> {
          Jocl.call(
              () ->
                  clGetMemObjectInfo(
                      buffer, CL_MEM_CONTEXT, Sizeof.cl_context, Pointer.to(owner), null));
          Jocl.call(
              () -> clGetMemObjectInfo(buffer, CL_MEM_SIZE, Sizeof.size_t, Pointer.to(size), null));
          Jocl.call(
              () ->
                  clGetMemObjectInfo(
                      buffer, CL_MEM_FLAGS, Sizeof.cl_ulong, Pointer.to(flags), null));
          Jocl.call(
              () ->
                  clGetMemObjectInfo(
                      buffer,
                      CL_MEM_ASSOCIATED_MEMOBJECT,
                      Sizeof.cl_mem,
                      Pointer.to(parent),
                      null));
          Jocl.call(
              () ->
                  clGetMemObjectInfo(
                      buffer, CL_MEM_OFFSET, Sizeof.size_t, Pointer.to(offset), null));
        });
    if (!owner.equals(context)) {
      throw new IllegalArgumentException(
          "buffer belongs to another OpenCL context than this Rectifier's queue");
    }
    if (size[0] < bytes) {
      throw new IllegalArgumentException(
          "buffer holds " + size[0] + " bytes, fewer than the " + bytes + " that length needs");
    }
    boolean subBuffer = !parent.equals(new cl_mem());
    return new Wrapped(subBuffer ? parent : buffer, subBuffer ? offset[0] : 0, flags(flags[0]));
  }

  /** The flags in {@code bits} ({@code CL_MEM_FLAGS}) that forbid a use. */
  private static Set<Footprint.Flag> flags(long bits) {
    Set<Footprint.Flag> set = EnumSet.noneOf(Footprint.Flag.class);
    for (Footprint.Flag f : Footprint.Flag.values()) {
      long bit =
          switch (f) {
            case READ_ONLY -> CL_MEM_READ_ONLY;
            case WRITE_ONLY -> CL_MEM_WRITE_ONLY;
            case HOST_NO_ACCESS -> CL_MEM_HOST_NO_ACCESS;
            case HOST_READ_ONLY -> CL_MEM_HOST_READ_ONLY;
            case HOST_WRITE_ONLY -> CL_MEM_HOST_WRITE_ONLY;
          };
      if ((bits & bit) != 0) {
        set.add(f);
      }
    }
    return set;
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
