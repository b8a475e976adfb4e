package dev.rectifier.opencl.transfer;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;

import dev.rectifier.backend.HostRange;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * For discrete devices: buffers live in device memory, and data crosses the bus by DMA from
 * page-locked staging memory ({@code CL_MEM_ALLOC_HOST_PTR}, mapped once for its whole life), the
 * fastest path a driver offers. Each thread borrows a staging piece of its own.
 */
public final class PinnedTransfer implements HostTransfer {
  private final cl_context context;
  private final cl_command_queue mappingQueue;
  private final Queue<MappedHostBuffer> idle = new ConcurrentLinkedQueue<>();
  private final Queue<MappedHostBuffer> all = new ConcurrentLinkedQueue<>();

  /** Staging buffers are mapped and unmapped through {@code mappingQueue}. */
  public PinnedTransfer(cl_context context, cl_command_queue mappingQueue) {
    this.context = context;
    this.mappingQueue = mappingQueue;
  }

  @Override
  public ClBuffer allocate(long bytes) {
    return ClBuffer.of(clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null));
  }

  @Override
  public void write(cl_command_queue queue, HostRange source, cl_mem target, long targetOffset) {
    staged(
        source,
        (piece, offset, staging) -> {
          piece.copyTo(staging.host());
          long at = targetOffset + offset;
          Pointer host = Pointer.to(staging.host());
          clEnqueueWriteBuffer(queue, target, CL_TRUE, at, piece.bytes(), host, 0, null, null);
        });
  }

  @Override
  public void read(cl_command_queue queue, cl_mem source, long sourceOffset, HostRange target) {
    staged(
        target,
        (piece, offset, staging) -> {
          long at = sourceOffset + offset;
          Pointer host = Pointer.to(staging.host());
          clEnqueueReadBuffer(queue, source, CL_TRUE, at, piece.bytes(), host, 0, null, null);
          piece.copyFrom(staging.host());
        });
  }

  /** A blocking copy of one piece, {@code offset} bytes into its range, through {@code staging}. */
  @FunctionalInterface
  private interface StagedCopy {
    void copy(HostRange piece, long offset, MappedHostBuffer staging);
  }

  /** Runs {@code copy} on each piece of {@code range} through a staging buffer of this thread's. */
  private void staged(HostRange range, StagedCopy copy) {
    MappedHostBuffer staging = borrow();
    try {
      HostTransfer.forEachPiece(range, (piece, offset) -> copy.copy(piece, offset, staging));
    } finally {
      idle.add(staging);
    }
  }

  private MappedHostBuffer borrow() {
    MappedHostBuffer staging = idle.poll();
    if (staging != null) {
      return staging;
    }
    MappedHostBuffer created = MappedHostBuffer.allocate(context, mappingQueue, PIECE_BYTES);
    all.add(created);
    return created;
  }

  /** Unmaps and releases the staging buffers. Call when no transfer is in progress. */
  @Override
  public void close() {
    for (MappedHostBuffer s = all.poll(); s != null; s = all.poll()) {
      s.release(mappingQueue);
    }
    idle.clear();
    clFinish(mappingQueue);
  }
}
