package dev.rectifier.opencl.transfer;

import dev.rectifier.backend.HostRange;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * Moves ranges of Java arrays into and out of device buffers, in pieces of at most {@link
 * #PIECE_BYTES}. The Java heap can never be handed to a device ({@code CL_MEM_USE_HOST_PTR} on an
 * array the GC may move is unsafe), so every transfer goes through native memory the driver owns. A
 * transfer allocates the device buffers it moves data best into and releases them, through the
 * {@link ClBuffer}s it hands out, and its own memory on {@link #close}.
 */
public interface HostTransfer extends AutoCloseable {
  /** The most bytes moved in one map or one copy. */
  long PIECE_BYTES = 8L << 20;

  /** A device buffer of {@code bytes}, made the way this transfer moves data best. */
  ClBuffer allocate(long bytes);

  /**
   * Copies {@code source} into {@code target}, a buffer of this transfer, from byte {@code
   * targetOffset} through {@code queue}, after what is already queued there; returns when done.
   */
  void write(cl_command_queue queue, HostRange source, cl_mem target, long targetOffset);

  /**
   * Copies {@code source}, a buffer of this transfer, from byte {@code sourceOffset} into {@code
   * target} through {@code queue}, after what is already queued there; returns when done.
   */
  void read(cl_command_queue queue, cl_mem source, long sourceOffset, HostRange target);

  /**
   * Releases the memory this transfer holds of its own; the buffers it handed out are released by
   * their holders first.
   */
  @Override
  void close();

  /** What to do with one piece of a range that starts {@code offset} bytes into it. */
  @FunctionalInterface
  interface PieceAction {
    void accept(HostRange piece, long offset);
  }

  /**
   * Splits {@code range} into pieces of at most {@link #PIECE_BYTES}. The piece starts are counted
   * in {@code long}: for a range near {@code Integer.MAX_VALUE} elements, an {@code int} start
   * would wrap past the last piece to a negative one.
   */
  static void forEachPiece(HostRange range, PieceAction action) {
    int bytes = range.precision().bytes();
    int perPiece = (int) (PIECE_BYTES / bytes);
    for (long start = 0; start < range.length(); start += perPiece) {
      int n = (int) Math.min(perPiece, range.length() - start);
      action.accept(range.slice((int) start, n), start * bytes);
    }
  }
}
