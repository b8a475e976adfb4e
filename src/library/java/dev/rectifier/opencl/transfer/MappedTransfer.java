package dev.rectifier.opencl.transfer;

import static org.jocl.CL.CL_MAP_READ;
import static org.jocl.CL.CL_MAP_WRITE_INVALIDATE_REGION;
import static org.jocl.CL.CL_MEM_ALLOC_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueMapBuffer;
import static org.jocl.CL.clEnqueueUnmapMemObject;

import dev.rectifier.backend.HostRange;
import dev.rectifier.opencl.jocl.Jocl;
import java.nio.ByteBuffer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * For devices that share the host's memory ({@code CL_DEVICE_HOST_UNIFIED_MEMORY}: CPU devices such
 * as PoCL, integrated GPUs): buffers live in host memory the driver allocates, and mapping one
 * hands Java its memory without a copy, so each element crosses the memory bus once each way.
 */
public final class MappedTransfer implements HostTransfer {
  private final cl_context context;

  /** A transfer for buffers of {@code context}. */
  public MappedTransfer(cl_context context) {
    this.context = context;
  }

  @Override
  public ClBuffer allocate(long bytes) {
    return ClBuffer.of(
        Jocl.make(
            s ->
                clCreateBuffer(
                    context, CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, bytes, null, s)));
  }

  @Override
  public void write(cl_command_queue queue, HostRange source, cl_mem target, long targetOffset) {
    HostTransfer.forEachPiece(
        source,
        (piece, offset) -> {
          ByteBuffer mapped =
              map(queue, target, targetOffset + offset, piece, CL_MAP_WRITE_INVALIDATE_REGION);
          piece.copyTo(mapped);
          Jocl.call(() -> clEnqueueUnmapMemObject(queue, target, mapped, 0, null, null));
        });
  }

  @Override
  public void read(cl_command_queue queue, cl_mem source, long sourceOffset, HostRange target) {
    HostTransfer.forEachPiece(
        target,
        (piece, offset) -> {
          ByteBuffer mapped = map(queue, source, sourceOffset + offset, piece, CL_MAP_READ);
          piece.copyFrom(mapped);
          Jocl.call(() -> clEnqueueUnmapMemObject(queue, source, mapped, 0, null, null));
        });
  }

  private static ByteBuffer map(
      cl_command_queue queue, cl_mem buffer, long offset, HostRange piece, long flags) {
    return Jocl.make(
        s ->
            clEnqueueMapBuffer(
                queue, buffer, true, flags, offset, piece.bytes(), 0, null, null, s));
  }

  /** Holds nothing of its own: its buffers are released through their {@link ClBuffer}s. */
  @Override
  public void close() {}
}
