package dev.rectifier.opencl.transfer;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;

import dev.rectifier.backend.HostRange;
import dev.rectifier.opencl.jocl.Jocl;
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
  private final Pool<MappedHostBuffer> staging;

  /** Staging buffers are mapped and unmapped through {@code mappingQueue}. */
  public PinnedTransfer(cl_context context, cl_command_queue mappingQueue) {
    this.context = context;
    this.mappingQueue = mappingQueue;
    this.staging =
        new Pool<>(
            () -> MappedHostBuffer.allocate(context, mappingQueue, PIECE_BYTES),
            buffer -> buffer.release(mappingQueue));
  }

  @Override
  public ClBuffer allocate(long bytes) {
    return ClBuffer.of(Jocl.make(s -> clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, s)));
  }

  @Override
  public void write(cl_command_queue queue, HostRange source, cl_mem target, long targetOffset) {
    staged(
        source,
        (piece, offset, staging) -> {
          piece.copyTo(staging.host());
          long at = targetOffset + offset;
          Pointer host = Pointer.to(staging.host());
          Jocl.call(
              () ->
                  clEnqueueWriteBuffer(
                      queue, target, CL_TRUE, at, piece.bytes(), host, 0, null, null));
        });
  }

  @Override
  public void read(cl_command_queue queue, cl_mem source, long sourceOffset, HostRange target) {
    staged(
        target,
        (piece, offset, staging) -> {
          long at = sourceOffset + offset;
          Pointer host = Pointer.to(staging.host());
          Jocl.call(
              () ->
                  clEnqueueReadBuffer(
                      queue, source, CL_TRUE, at, piece.bytes(), host, 0, null, null));
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
    MappedHostBuffer buffer = staging.borrow();
    try {
      HostTransfer.forEachPiece(range, (piece, offset) -> copy.copy(piece, offset, buffer));
    } finally {
      staging.giveBack(buffer);
    }
  }

  /** Unmaps and releases the staging buffers. Call when no transfer is in progress. */
  @Override
  public void close() {
    staging.close();
    Jocl.call(() -> clFinish(mappingQueue));
  }
}
