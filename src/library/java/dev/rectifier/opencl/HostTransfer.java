package dev.rectifier.opencl;

import dev.rectifier.backend.HostRange;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * Moves ranges of Java arrays into and out of device buffers, in pieces of at most {@link
 * #PIECE_BYTES}. The Java heap can never be handed to a device ({@code CL_MEM_USE_HOST_PTR} on an
 * array the GC may move is unsafe), so every transfer goes through native memory the driver owns.
 */
interface HostTransfer extends AutoCloseable {
  /** The most bytes moved in one map or one copy. */
  long PIECE_BYTES = 8L << 20;

  /** A device buffer of {@code bytes}, made the way this transfer moves data best. */
  cl_mem allocate(long bytes);

  /**
   * Copies {@code source} into {@code target} from byte {@code targetOffset} through {@code queue},
   * after what is already queued there; returns when done.
   */
  void write(cl_command_queue queue, HostRange source, cl_mem target, long targetOffset);

  /**
   * Copies {@code source} from byte {@code sourceOffset} into {@code target} through {@code queue},
   * after what is already queued there; returns when done.
   */
  void read(cl_command_queue queue, cl_mem source, long sourceOffset, HostRange target);

  /** Releases the native memory this transfer holds. */
  @Override
  void close();

  /** What to do with one piece of a range that starts {@code offset} bytes into it. */
  @FunctionalInterface
  interface PieceAction {
    void accept(HostRange piece, long offset);
  }

  /** Splits {@code range} into pieces of at most {@link #PIECE_BYTES}. */
  static void forEachPiece(HostRange range, PieceAction action) {
    int bytes = range.precision().bytes();
    int perPiece = (int) (PIECE_BYTES / bytes);
    for (int start = 0; start < range.length(); start += perPiece) {
      int n = Math.min(perPiece, range.length() - start);
      action.accept(range.slice(start, n), (long) start * bytes);
    }
  }
}
