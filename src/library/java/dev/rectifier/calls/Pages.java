package dev.rectifier.calls;

import dev.rectifier.RectifierException;
import java.nio.Buffer;

/**
 * Reads the last element of a direct buffer's range from Java before any backend sees it. An
 * element that cannot be read (a memory-mapped file truncated under its mapping) is then a Java
 * {@link InternalError}, which becomes a {@link RectifierException}, where a kernel or a native
 * copy reading it would take a SIGBUS that aborts the JVM. A view of a {@code MappedByteBuffer}
 * looks like any other direct buffer, so every direct buffer is read this way.
 *
 * <p>The last element is enough for a range within one mapping, which is what Java makes ({@code
 * FileChannel.map}, its views and slices, a mapped {@code MemorySegment}'s buffers): a truncated
 * file loses the pages of its mapping from the new end of the file on, so a range that reaches a
 * lost page reaches one at its end. One read a buffer, where a read of every page cost a miss a
 * page, one after another, before ops that stream the same memory. Not caught: a range that native
 * code put together over several mappings, one of which lost pages short of the range's end, and a
 * file truncated after this read, while the op runs.
 */
final class Pages {
  /** Where the read's result goes, so that the compiler keeps it. */
  @SuppressWarnings("unused")
  private static int sink;

  /** A length the compiler cannot take for a constant (it is never written). */
  private static volatile int one = 1;

  /** Where {@link #raisePendingFault}'s array goes, so that the compiler keeps it. */
  @SuppressWarnings("unused")
  private static byte[][] drained;

  private Pages() {}

  /**
   * Reads the element before the limit of {@code buffer}, if it is direct and has any.
   *
   * @throws RectifierException naming the buffer, with the {@link InternalError} as its cause, if
   *     that element cannot be read
   */
  static void requireReadable(Buffer buffer, String name) {
    if (buffer == null || !buffer.isDirect() || !buffer.hasRemaining()) {
      return;
    }
    InternalError fault = readLast(buffer);
    if (fault != null) {
      throw new RectifierException(
          name
              + " has memory that cannot be read (a memory-mapped file truncated under its"
              + " mapping?): "
              + fault.getMessage(),
          fault);
    }
  }

  /**
   * Reads the last element of {@code buffer}; returns the {@link InternalError} it raised, or null.
   */
  private static InternalError readLast(Buffer buffer) {
    try {
      sink = BufferElements.of(buffer).bits(buffer, buffer.limit() - 1);
      raisePendingFault();
      return null;
    } catch (InternalError e) {
      return e;
    }
  }

  /**
   * Raises here, in this thread, the {@link InternalError} of a fault in the reads that the JVM has
   * not raised yet. On Java 17 a fault in an unsafe read only marks the thread, and the error is
   * raised where the thread next returns to Java from a call into the JVM that checks the mark (not
   * a native method's return, not a safepoint poll in a compiled loop): once the reads have run
   * often, interpreted or compiled, that may be after this call has returned, in the backend
   * reading the same memory, or in the caller's next call. Making a multi-dimensional array whose
   * lengths the compiler cannot see is such a call, in the interpreter and in both compilers. Later
   * Java versions (25 here) raise the error at the thread's next safepoint poll, within the reads
   * or here.
   */
  private static void raisePendingFault() {
    int n = one;
    drained = new byte[n][n];
  }
}
