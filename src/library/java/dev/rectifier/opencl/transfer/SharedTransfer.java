package dev.rectifier.opencl.transfer;

import static org.jocl.CL.clFinish;

import dev.rectifier.backend.HostRange;
import dev.rectifier.opencl.jocl.Jocl;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * For CPU devices, which run kernels on host memory: each buffer is host memory the driver
 * allocates ({@code CL_MEM_ALLOC_HOST_PTR}), mapped once for its whole life, and Java copies into
 * and out of it directly, with no map or unmap command per chunk, since those two blocking commands
 * per chunk slowed calls on Java arrays on PoCL (docs/performance.md, Speed). OpenCL does not
 * promise that a device runs kernels on a mapped buffer in place, so the backend uses this transfer
 * only after {@link #worksInPlace} has seen it do so.
 *
 * <p>A buffer must be idle when written: {@link #read} waits for its queue, and the backend's lanes
 * write a buffer only before enqueueing a kernel on it. Closing a buffer unmaps and releases it;
 * {@link #close} waits for those unmaps.
 */
public final class SharedTransfer implements HostTransfer {
  private final cl_context context;
  private final cl_command_queue queue;
  private final Map<cl_mem, MappedHostBuffer> mapped =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /** Enqueues {@code relu} on {@code n} floats of {@code buffer}, in place, on {@code queue}. */
  @FunctionalInterface
  public interface InPlaceRelu {
    void enqueue(cl_command_queue queue, cl_mem buffer, int n);
  }

  /** A transfer that maps and unmaps its buffers through {@code queue}. */
  public SharedTransfer(cl_context context, cl_command_queue queue) {
    this.context = context;
    this.queue = queue;
  }

  @Override
  public ClBuffer allocate(long bytes) {
    MappedHostBuffer created = MappedHostBuffer.allocate(context, queue, bytes);
    mapped.put(created.buffer(), created);
    return new ClBuffer(created.buffer(), () -> mapped.remove(created.buffer()).release(queue));
  }

  @Override
  public void write(cl_command_queue queue, HostRange source, cl_mem target, long targetOffset) {
    source.copyTo(region(target, targetOffset));
  }

  @Override
  public void read(cl_command_queue queue, cl_mem source, long sourceOffset, HostRange target) {
    Jocl.call(() -> clFinish(queue));
    target.copyFrom(region(source, sourceOffset));
  }

  private ByteBuffer region(cl_mem buffer, long offset) {
    return mapped.get(buffer).host().duplicate().position(Math.toIntExact(offset));
  }

  /**
   * Whether the device, running {@code relu} in place on a buffer of this transfer, reads what Java
   * wrote there and leaves its result there: twice, with different values, so a device that kept a
   * copy of its own after the first run fails.
   */
  public boolean worksInPlace(InPlaceRelu relu) {
    int n = 1024;
    try (ClBuffer probe = allocate((long) n * Float.BYTES)) {
      for (int round = 1; round <= 2; round++) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
          values[i] = (i % 2 == 0 ? round : -round) * (i + 1f);
        }
        write(queue, HostRange.of(values), probe.mem(), 0);
        relu.enqueue(queue, probe.mem(), n);
        float[] back = new float[n];
        read(queue, probe.mem(), 0, HostRange.of(back));
        for (int i = 0; i < n; i++) {
          if (back[i] != Math.max(values[i], 0f)) {
            return false;
          }
        }
      }
      return true;
    }
  }

  /** Waits for the unmaps of the buffers closed so far; all of them must be closed by now. */
  @Override
  public void close() {
    Jocl.call(() -> clFinish(queue));
  }
}
