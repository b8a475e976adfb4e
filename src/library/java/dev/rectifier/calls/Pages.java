package dev.rectifier.calls;

import dev.rectifier.RectifierException;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Reads every page of a direct buffer's range from Java before any backend sees it. A page that
 * cannot be read (a memory-mapped file truncated under its mapping) is then a Java {@link
 * InternalError}, which becomes a {@link RectifierException}, where a kernel or a native copy
 * reading it would take a SIGBUS that aborts the JVM. A view of a {@code MappedByteBuffer} looks
 * like any other direct buffer, so every direct buffer is read this way. A file truncated after
 * this read, while the op runs, is not caught.
 */
final class Pages {
  /**
   * The smallest page size of the platforms Java runs on: reading at this stride, and the last
   * element, reads every page the range spans, whatever the real page size.
   */
  private static final int PAGE_BYTES = 4096;

  /** Where the reads' result goes, so that the compiler keeps them. */
  @SuppressWarnings("unused")
  private static int sink;

  /** A length the compiler cannot take for a constant (it is never written). */
  private static volatile int one = 1;

  /** Where {@link #raisePendingFault}'s array goes, so that the compiler keeps it. */
  @SuppressWarnings("unused")
  private static byte[][] drained;

  private Pages() {}

  /**
   * Reads one element of every page of {@code buffer} from its position to its limit, if it is
   * direct.
   *
   * @throws RectifierException naming the buffer, with the {@link InternalError} as its cause, if a
   *     page cannot be read
   */
  static void requireReadable(Buffer buffer, String name) {
    if (buffer == null || !buffer.isDirect() || !buffer.hasRemaining()) {
      return;
    }
    InternalError fault = readPages(buffer, buffer.position(), buffer.limit());
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
   * Reads elements {@code [from, to)} of {@code buffer} a page apart, and the last; returns the
   * {@link InternalError} of a page that cannot be read, or null.
   */
  private static InternalError readPages(Buffer buffer, int from, int to) {
    try {
      sink = xorOfPages(buffer, from, to);
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

  /** The bits of one element a page of {@code [from, end)}, and of the last, xor-ed. */
  private static int xorOfPages(Buffer buffer, int from, int end) {
    int bits = 0;
    if (buffer instanceof FloatBuffer f) {
      for (long i = from; i < end; i += PAGE_BYTES / Float.BYTES) {
        bits ^= Float.floatToRawIntBits(f.get((int) i));
      }
      return bits ^ Float.floatToRawIntBits(f.get(end - 1));
    }
    if (buffer instanceof ShortBuffer h) {
      for (long i = from; i < end; i += PAGE_BYTES / Short.BYTES) {
        bits ^= h.get((int) i);
      }
      return bits ^ h.get(end - 1);
    }
    DoubleBuffer d = (DoubleBuffer) buffer;
    for (long i = from; i < end; i += PAGE_BYTES / Double.BYTES) {
      bits ^= Long.hashCode(Double.doubleToRawLongBits(d.get((int) i)));
    }
    return bits ^ Long.hashCode(Double.doubleToRawLongBits(d.get(end - 1)));
  }
}
