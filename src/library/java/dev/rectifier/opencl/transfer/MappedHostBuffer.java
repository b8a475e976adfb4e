package dev.rectifier.opencl.transfer;

import static org.jocl.CL.CL_MAP_READ;
import static org.jocl.CL.CL_MAP_WRITE;
import static org.jocl.CL.CL_MEM_ALLOC_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueMapBuffer;
import static org.jocl.CL.clEnqueueUnmapMemObject;
import static org.jocl.CL.clReleaseMemObject;

import dev.rectifier.opencl.jocl.Jocl;
import java.nio.ByteBuffer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * A buffer in host memory the driver allocates ({@code CL_MEM_ALLOC_HOST_PTR}), mapped for reading
 * and writing for its whole life: {@link PinnedTransfer}'s DMA staging and {@link SharedTransfer}'s
 * buffers.
 *
 * @param buffer the buffer
 * @param host its mapping
 */
record MappedHostBuffer(cl_mem buffer, ByteBuffer host) {

  /** A new buffer of {@code bytes}, mapped through {@code queue} before this returns. */
  static MappedHostBuffer allocate(cl_context context, cl_command_queue queue, long bytes) {
    cl_mem buffer =
        Jocl.make(
            s ->
                clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, bytes, null, s));
    try {
      ByteBuffer host =
          Jocl.make(
              s ->
                  clEnqueueMapBuffer(
                      queue, buffer, true, CL_MAP_READ | CL_MAP_WRITE, 0, bytes, 0, null, null, s));
      return new MappedHostBuffer(buffer, host);
    } catch (RuntimeException e) {
      Jocl.call(() -> clReleaseMemObject(buffer));
      throw e;
    }
  }

  /**
   * Enqueues the unmap on {@code queue} and releases the buffer right after: OpenCL deletes it once
   * the commands that use it, the unmap included, are done.
   */
  void release(cl_command_queue queue) {
    Jocl.call(() -> clEnqueueUnmapMemObject(queue, buffer, host, 0, null, null));
    Jocl.call(() -> clReleaseMemObject(buffer));
  }
}
