package dev.rectifier.calls;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.backend.CallThreads;
import dev.rectifier.backend.Names;
import dev.rectifier.backend.Request;
import dev.rectifier.backend.ShortRequest;
import java.nio.Buffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.ShortBuffer;
import java.util.function.Consumer;

/**
 * One op on {@code java.nio} buffers ({@code FloatBuffer}, {@code DoubleBuffer}, or {@code
 * ShortBuffer} of 16-bit elements; each argument from its {@code position()} to its {@code
 * limit()}), checked, then run as requests on Java arrays: on the arrays of writable heap buffers
 * in place, else in chunks copied through arrays of each thread's own, which stay in its cache, the
 * chunks in parallel on the backend's {@link CallThreads}. Positions are left as they were.
 *
 * @param op the op
 * @param x the forward input
 * @param dy the incoming gradient, or null for a forward op
 * @param out the output
 * @param alpha the slope, a float value for float and 16-bit buffers
 * @param precision the element type: that of the buffers, HALF or BFLOAT16 for {@code ShortBuffer}s
 */
public record BufferCall(
    Op op, Buffer x, Buffer dy, Buffer out, double alpha, Precision precision) {
  /**
   * Elements staged at a time for a device: 1M (4 MiB of floats per array), as many as a device's
   * chunk of a Java array ({@code Lanes}).
   */
  public static final int DEVICE_CHUNK = 1 << 20;

  /**
   * Elements staged at a time for the CPU backend: 64K (256 KiB of floats per array), so that the
   * three arrays of a chunk stay in a core's L2 cache and the chunk runs on one thread.
   */
  public static final int CPU_CHUNK = 1 << 16;

  /** A call on {@code FloatBuffer}s or {@code DoubleBuffer}s, of their precision; checked. */
  public BufferCall(Op op, Buffer x, Buffer dy, Buffer out, double alpha) {
    this(op, x, dy, out, alpha, x instanceof DoubleBuffer ? Precision.DOUBLE : Precision.FLOAT);
  }

  /**
   * Checks the call: nulls, native byte order, a writable output, the same {@code remaining()}
   * everywhere, and no partial overlap of the output with an input in the same buffer or backing
   * array (the same range, in place, is fine); then reads the last element of each direct buffer
   * from Java ({@link Pages}), so that a truncated mapping fails here, not in a backend.
   *
   * @throws NullPointerException if a buffer the op needs, or the precision, is null
   * @throws IllegalArgumentException if a check fails, naming the buffer, or a {@code ShortBuffer}
   *     call's precision is not HALF or BFLOAT16
   * @throws dev.rectifier.RectifierException if the last element of a direct buffer cannot be read
   *     (a memory-mapped file truncated under its mapping), naming the buffer, with the {@link
   *     InternalError} as its cause
   */
  public BufferCall {
    String outName = Names.output(op);
    requirePresent(x, "x");
    if (op.isGradient()) {
      requirePresent(dy, "dy");
    }
    requirePresent(out, outName);
    if (x instanceof ShortBuffer) {
      ShortRequest.requireSixteenBit(precision);
    }
    Request.checkDyAndAlpha(op, dy != null, alpha);
    requireNativeOrder(x, "x");
    requireNativeOrder(dy, "dy");
    requireNativeOrder(out, outName);
    if (out.isReadOnly()) {
      throw new IllegalArgumentException(outName + " is a read-only buffer");
    }
    if (dy != null) {
      requireSameRemaining(x, dy, "dy");
    }
    requireSameRemaining(x, out, outName);
    requireNoPartialOverlap(x, out, "x", outName);
    requireNoPartialOverlap(dy, out, "dy", outName);
    Pages.requireReadable(x, "x");
    Pages.requireReadable(dy, "dy");
    Pages.requireReadable(out, outName);
  }

  /**
   * Runs the call as array requests through {@code run}, staging buffers without a writable array
   * in chunks of {@code chunk} elements on {@code threads}.
   */
  public void runOn(Consumer<Request> run, int chunk, CallThreads threads) {
    int n = x.remaining();
    if (n == 0) {
      return;
    }
    BufferElements elements = BufferElements.of(x);
    if (x.hasArray() && (dy == null || dy.hasArray()) && out.hasArray()) {
      run.accept(
          elements.request(this, array(x), at(x), array(dy), at(dy), array(out), at(out), n));
      return;
    }
    int chunks = (int) (((long) n + chunk - 1) / chunk);
    threads.forEach(
        chunks,
        c -> {
          int start = c * chunk;
          int k = Math.min(chunk, n - start);
          Object[] scratch = elements.staging(k);
          get(x, start, scratch[0], k);
          if (dy != null) {
            get(dy, start, scratch[1], k);
          }
          Object dys = dy == null ? null : scratch[1];
          run.accept(elements.request(this, scratch[0], 0, dys, 0, scratch[2], 0, k));
          put(scratch[2], out, start, k);
        });
  }

  /** Copies {@code k} elements from {@code start} past the buffer's position into {@code array}. */
  private static void get(Buffer buffer, int start, Object array, int k) {
    BufferElements.of(buffer).get(buffer, buffer.position() + start, array, k);
  }

  /** Copies the first {@code k} elements of {@code array} to {@code start} past the position. */
  private static void put(Object array, Buffer buffer, int start, int k) {
    BufferElements.of(buffer).put(array, buffer, buffer.position() + start, k);
  }

  private static Object array(Buffer buffer) {
    return buffer == null ? null : buffer.array();
  }

  /** The index in the backing array of the buffer's position; 0 for no buffer. */
  private static int at(Buffer buffer) {
    return buffer == null ? 0 : buffer.arrayOffset() + buffer.position();
  }

  private static void requirePresent(Buffer buffer, String name) {
    if (buffer == null) {
      throw new NullPointerException(name + " must not be null");
    }
  }

  private static void requireNativeOrder(Buffer buffer, String name) {
    if (buffer == null) {
      return;
    }
    BufferElements elements = BufferElements.of(buffer);
    ByteOrder order = elements.order(buffer);
    if (order != ByteOrder.nativeOrder()) {
      throw new IllegalArgumentException(
          name
              + " is in "
              + order
              + " byte order, not the native "
              + ByteOrder.nativeOrder()
              + " (ByteBuffer.order(ByteOrder.nativeOrder()) before "
              + elements.view()
              + ")");
    }
  }

  private static void requireSameRemaining(Buffer x, Buffer other, String name) {
    if (other.remaining() != x.remaining()) {
      throw new IllegalArgumentException(
          name
              + ".remaining() "
              + other.remaining()
              + " differs from x.remaining() "
              + x.remaining());
    }
  }

  /**
   * Refuses an output that partially overlaps {@code input} in the same buffer object or backing
   * array: the staged chunks would read what an earlier chunk wrote.
   */
  private static void requireNoPartialOverlap(
      Buffer input, Buffer out, String inputName, String outName) {
    if (input == null) {
      return;
    }
    long inputStart;
    long outStart;
    if (input == out) {
      return; // one buffer, one position: in place
    } else if (input.hasArray() && out.hasArray() && input.array() == out.array()) {
      inputStart = at(input);
      outStart = at(out);
    } else {
      return;
    }
    int n = out.remaining();
    if (inputStart != outStart && inputStart < outStart + n && outStart < inputStart + n) {
      throw new IllegalArgumentException(
          outName
              + " partially overlaps "
              + inputName
              + " in the same array; use the same range"
              + " (in place) or ranges that do not overlap");
    }
  }
}
