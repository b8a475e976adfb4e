package dev.rectifier.examples.mlp;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clReleaseMemObject;

import java.util.ArrayList;
import java.util.List;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * The buffers of one step, made in the queue's context from host arrays or uninitialized, read back
 * on the queue, and released together.
 */
final class DeviceBuffers implements AutoCloseable {
  private final OpenClQueue cl;
  private final List<cl_mem> made = new ArrayList<>();

  DeviceBuffers(OpenClQueue cl) {
    this.cl = cl;
  }

  /** A buffer holding a copy of {@code data}. */
  cl_mem copyOf(float[] data) {
    return create(CL_MEM_COPY_HOST_PTR, (long) Sizeof.cl_float * data.length, Pointer.to(data));
  }

  /** A buffer holding a copy of {@code data}. */
  cl_mem copyOf(int[] data) {
    return create(CL_MEM_COPY_HOST_PTR, (long) Sizeof.cl_int * data.length, Pointer.to(data));
  }

  /**
   * A buffer of {@code length} zeros. Never one left uninitialized: CLBlast 1.5.2's SGEMV computes
   * {@code beta · y} even for beta 0, so a NaN already in its output stays NaN (seen on PoCL:
   * column sums into a fresh buffer came out NaN).
   */
  cl_mem zeros(int length) {
    return copyOf(new float[length]);
  }

  private cl_mem create(long flags, long bytes, Pointer host) {
    cl_mem buffer = clCreateBuffer(cl.context(), CL_MEM_READ_WRITE | flags, bytes, host, null);
    made.add(buffer);
    return buffer;
  }

  /** The first {@code length} floats of {@code buffer}, once the queue has reached this read. */
  float[] read(cl_mem buffer, int length) {
    float[] data = new float[length];
    clEnqueueReadBuffer(
        cl.queue(),
        buffer,
        CL_TRUE,
        0,
        (long) Sizeof.cl_float * length,
        Pointer.to(data),
        0,
        null,
        null);
    return data;
  }

  @Override
  public void close() {
    made.forEach(buffer -> clReleaseMemObject(buffer));
    made.clear();
  }
}
