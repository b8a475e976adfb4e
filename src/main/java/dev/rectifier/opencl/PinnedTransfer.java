package dev.rectifier.opencl;

import static org.jocl.CL.CL_MAP_READ;
import static org.jocl.CL.CL_MAP_WRITE;
import static org.jocl.CL.CL_MEM_ALLOC_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueMapBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueUnmapMemObject;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clReleaseMemObject;

import java.nio.ByteBuffer;
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
final class PinnedTransfer implements HostTransfer {
  /** A staging buffer and its persistent mapping. */
  private record Staging(cl_mem buffer, ByteBuffer mapped) {}

  private final cl_context context;
  private final cl_command_queue mappingQueue;
  private final Queue<Staging> idle = new ConcurrentLinkedQueue<>();
  private final Queue<Staging> all = new ConcurrentLinkedQueue<>();

  /** Staging buffers are mapped and unmapped through {@code mappingQueue}. */
  PinnedTransfer(cl_context context, cl_command_queue mappingQueue) {
    this.context = context;
    this.mappingQueue = mappingQueue;
  }

  @Override
  public cl_mem allocate(long bytes) {
    return clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
  }

  @Override
  public void write(cl_command_queue queue, HostRange source, cl_mem target, long targetOffset) {
    Staging staging = borrow();
    try {
      HostTransfer.forEachPiece(
          source,
          (piece, offset) -> {
            piece.copyTo(staging.mapped());
            clEnqueueWriteBuffer(
                queue,
                target,
                CL_TRUE,
                targetOffset + offset,
                piece.bytes(),
                Pointer.to(staging.mapped()),
                0,
                null,
                null);
          });
    } finally {
      idle.add(staging);
    }
  }

  @Override
  public void read(cl_command_queue queue, cl_mem source, long sourceOffset, HostRange target) {
    Staging staging = borrow();
    try {
      HostTransfer.forEachPiece(
          target,
          (piece, offset) -> {
            clEnqueueReadBuffer(
                queue,
                source,
                CL_TRUE,
                sourceOffset + offset,
                piece.bytes(),
                Pointer.to(staging.mapped()),
                0,
                null,
                null);
            piece.copyFrom(staging.mapped());
          });
    } finally {
      idle.add(staging);
    }
  }

  private Staging borrow() {
    Staging staging = idle.poll();
    if (staging != null) {
      return staging;
    }
    cl_mem buffer =
        clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, PIECE_BYTES, null, null);
    ByteBuffer mapped =
        clEnqueueMapBuffer(
            mappingQueue,
            buffer,
            true,
            CL_MAP_READ | CL_MAP_WRITE,
            0,
            PIECE_BYTES,
            0,
            null,
            null,
            null);
    Staging created = new Staging(buffer, mapped);
    all.add(created);
    return created;
  }

  /** Unmaps and releases the staging buffers. Call when no transfer is in progress. */
  @Override
  public void close() {
    for (Staging s = all.poll(); s != null; s = all.poll()) {
      clEnqueueUnmapMemObject(mappingQueue, s.buffer(), s.mapped(), 0, null, null);
      clReleaseMemObject(s.buffer());
    }
    idle.clear();
    clFinish(mappingQueue);
  }
}
