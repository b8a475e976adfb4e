package dev.rectifier.calls;

import dev.rectifier.RectifierException;
import dev.rectifier.backend.CallThreads;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

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

  /**
   * Pages one thread reads at a time (16 MiB): a buffer of more is read in parallel, on the calling
   * thread and the common fork-join pool's, each read waiting on a miss of the cache and of the
   * TLB; at this size handing a share to another thread costs little beside its reads.
   */
  private static final int PAGES_PER_TASK = 4096;

  /** Where the reads' result goes, so that the compiler keeps them. */
  @SuppressWarnings("unused")
  private static int sink;

  /** A length the compiler cannot take for a constant (it is never written). */
  private static volatile int one = 1;

  /** Where {@link #raisePendingFault}'s array goes, so that the compiler keeps it. */
  @SuppressWarnings("unused")
  private static byte[][] drained;

  private Pages() {}

  /** Elements {@code [from, to)} of {@code buffers[buffer]}, read by one thread. */
  private record Share(int buffer, int from, int to) {}

  /**
   * Reads one element of every page of each direct buffer of {@code buffers} from its position to
   * its limit (null and heap buffers skipped, a buffer given twice read once).
   *
   * @param names the buffers' names, for the exception
   * @throws RectifierException naming the first buffer with a page that cannot be read, with the
   *     {@link InternalError} as its cause
   */
  static void requireReadable(Buffer[] buffers, String[] names) {
    List<Share> shares = new ArrayList<>();
    boolean large = false;
    for (int b = 0; b < buffers.length; b++) {
      Buffer buffer = buffers[b];
      if (buffer == null
          || !buffer.isDirect()
          || !buffer.hasRemaining()
          || givenBefore(buffers, b)) {
        continue;
      }
      int elements = PAGES_PER_TASK * (PAGE_BYTES / elementBytes(buffer));
      for (long from = buffer.position(); from < buffer.limit(); from += elements) {
        shares.add(new Share(b, (int) from, (int) Math.min(buffer.limit(), from + elements)));
        large |= from > buffer.position();
      }
    }
    AtomicReferenceArray<InternalError> faults = new AtomicReferenceArray<>(buffers.length);
    (large ? CallThreads.COMMON : CallThreads.CALLER)
        .forEach(
            shares.size(),
            i -> {
              Share share = shares.get(i);
              InternalError fault = readPages(buffers[share.buffer], share.from, share.to);
              if (fault != null) {
                faults.compareAndSet(share.buffer, null, fault);
              }
            });
    for (int b = 0; b < buffers.length; b++) {
      InternalError fault = faults.get(b);
      if (fault != null) {
        throw new RectifierException(
            names[b]
                + " has memory that cannot be read (a memory-mapped file truncated under its"
                + " mapping?): "
                + fault.getMessage(),
            fault);
      }
    }
  }

  /** Whether {@code buffers[b]} is the same object as an earlier one (not equals: its contents). */
  private static boolean givenBefore(Buffer[] buffers, int b) {
    for (int i = 0; i < b; i++) {
      if (buffers[i] == buffers[b]) {
        return true;
      }
    }
    return false;
  }

  private static int elementBytes(Buffer buffer) {
    return buffer instanceof FloatBuffer ? Float.BYTES : Double.BYTES;
  }

  /**
   * Reads elements {@code [from, to)} of {@code buffer} a page apart, and the last, on this thread;
   * returns the {@link InternalError} of a page that cannot be read, or null.
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
    DoubleBuffer d = (DoubleBuffer) buffer;
    for (long i = from; i < end; i += PAGE_BYTES / Double.BYTES) {
      bits ^= Long.hashCode(Double.doubleToRawLongBits(d.get((int) i)));
    }
    return bits ^ Long.hashCode(Double.doubleToRawLongBits(d.get(end - 1)));
  }
}
