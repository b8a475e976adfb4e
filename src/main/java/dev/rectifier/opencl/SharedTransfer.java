package dev.rectifier.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_USE_HOST_PTR;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clReleaseMemObject;

import dev.rectifier.Op;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * For CPU devices, which run kernels on host memory: each buffer is page-aligned native memory of
 * this transfer, handed to the device with {@code CL_MEM_USE_HOST_PTR}, and Java copies into and
 * out of it directly, with no map or unmap command: on PoCL, dropping those two blocking commands
 * per chunk took calls on Java arrays from 0.44-0.59 to 0.60-0.71 of a plain copy's speed (README,
 * Speed). OpenCL does not promise that a device works on such memory in place, so the backend uses
 * this transfer only after {@link #worksInPlace} has seen it do so.
 *
 * <p>A buffer must be idle when written: {@link #read} waits for its queue, and the backend's lanes
 * write a buffer only before enqueueing a kernel on it.
 */
final class SharedTransfer implements HostTransfer {
  /** A page, the alignment CPU runtimes ask for to use host memory in place. */
  private static final int ALIGNMENT = 4096;

  private final cl_context context;
  private final Map<cl_mem, ByteBuffer> memory =
      Collections.synchronizedMap(new IdentityHashMap<>());

  SharedTransfer(cl_context context) {
    this.context = context;
  }

  @Override
  public cl_mem allocate(long bytes) {
    ByteBuffer host =
        ByteBuffer.allocateDirect(Math.toIntExact(bytes + 2L * ALIGNMENT)).alignedSlice(ALIGNMENT);
    cl_mem buffer =
        clCreateBuffer(
            context, CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR, bytes, Pointer.to(host), null);
    memory.put(buffer, host);
    return buffer;
  }

  @Override
  public void write(cl_command_queue queue, HostRange source, cl_mem target, long targetOffset) {
    source.copyTo(region(target, targetOffset));
  }

  @Override
  public void read(cl_command_queue queue, cl_mem source, long sourceOffset, HostRange target) {
    clFinish(queue);
    target.copyFrom(region(source, sourceOffset));
  }

  private ByteBuffer region(cl_mem buffer, long offset) {
    return memory.get(buffer).duplicate().position(Math.toIntExact(offset));
  }

  /**
   * Whether the device, running {@code floats}' relu in place on a buffer of this transfer, reads
   * what Java wrote there and leaves its result there: twice, with different values, so a device
   * that kept a copy of its own after the first run fails.
   */
  boolean worksInPlace(cl_command_queue queue, ActivationProgram floats) {
    int n = 1024;
    cl_mem probe = allocate((long) n * Float.BYTES);
    try {
      for (int round = 1; round <= 2; round++) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
          values[i] = (i % 2 == 0 ? round : -round) * (i + 1f);
        }
        write(queue, new HostRange(values, 0, n), probe, 0);
        floats.enqueue(queue, Op.RELU, probe, null, probe, n, 0, null);
        float[] back = new float[n];
        read(queue, probe, 0, new HostRange(back, 0, n));
        for (int i = 0; i < n; i++) {
          if (back[i] != Math.max(values[i], 0f)) {
            return false;
          }
        }
      }
      return true;
    } finally {
      clReleaseMemObject(probe);
      memory.remove(probe);
    }
  }

  /** Drops this transfer's memory; the backend has released the buffers that used it. */
  @Override
  public void close() {
    memory.clear();
  }
}
