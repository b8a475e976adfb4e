package dev.rectifier.calls;

import dev.rectifier.backend.DoubleRequest;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.Request;
import dev.rectifier.backend.ShortRequest;
import java.lang.reflect.Array;
import java.nio.Buffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.function.IntFunction;

/**
 * The element type of a {@link BufferCall}'s buffers, one constant per buffer class: all that the
 * call and {@link Pages} do differently for {@code FloatBuffer}s, {@code DoubleBuffer}s and {@code
 * ShortBuffer}s (16-bit elements), so that they ask {@link #of} once instead of switching on the
 * class. The methods cast their {@code Buffer} and {@code Object} arguments to this type's buffer
 * and array classes.
 */
enum BufferElements {
  FLOAT(k -> new float[3][k], "asFloatBuffer()") {
    @Override
    ByteOrder order(Buffer buffer) {
      return ((FloatBuffer) buffer).order();
    }

    @Override
    void get(Buffer buffer, int index, Object array, int k) {
      ((FloatBuffer) buffer).get(index, (float[]) array, 0, k);
    }

    @Override
    void put(Object array, Buffer buffer, int index, int k) {
      ((FloatBuffer) buffer).put(index, (float[]) array, 0, k);
    }

    @Override
    int bits(Buffer buffer, int index) {
      return Float.floatToRawIntBits(((FloatBuffer) buffer).get(index));
    }

    @Override
    Request request(
        BufferCall call, Object xs, int xAt, Object dys, int dyAt, Object outs, int outAt, int n) {
      return new FloatRequest(
          call.op(),
          (float[]) xs,
          xAt,
          (float[]) dys,
          dyAt,
          (float[]) outs,
          outAt,
          n,
          (float) call.alpha());
    }
  },

  DOUBLE(k -> new double[3][k], "asDoubleBuffer()") {
    @Override
    ByteOrder order(Buffer buffer) {
      return ((DoubleBuffer) buffer).order();
    }

    @Override
    void get(Buffer buffer, int index, Object array, int k) {
      ((DoubleBuffer) buffer).get(index, (double[]) array, 0, k);
    }

    @Override
    void put(Object array, Buffer buffer, int index, int k) {
      ((DoubleBuffer) buffer).put(index, (double[]) array, 0, k);
    }

    @Override
    int bits(Buffer buffer, int index) {
      return Long.hashCode(Double.doubleToRawLongBits(((DoubleBuffer) buffer).get(index)));
    }

    @Override
    Request request(
        BufferCall call, Object xs, int xAt, Object dys, int dyAt, Object outs, int outAt, int n) {
      return new DoubleRequest(
          call.op(),
          (double[]) xs,
          xAt,
          (double[]) dys,
          dyAt,
          (double[]) outs,
          outAt,
          n,
          call.alpha());
    }
  },

  /** 16-bit elements (HALF or BFLOAT16, the call's precision says which). */
  SHORT(k -> new short[3][k], "asShortBuffer()") {
    @Override
    ByteOrder order(Buffer buffer) {
      return ((ShortBuffer) buffer).order();
    }

    @Override
    void get(Buffer buffer, int index, Object array, int k) {
      ((ShortBuffer) buffer).get(index, (short[]) array, 0, k);
    }

    @Override
    void put(Object array, Buffer buffer, int index, int k) {
      ((ShortBuffer) buffer).put(index, (short[]) array, 0, k);
    }

    @Override
    int bits(Buffer buffer, int index) {
      return ((ShortBuffer) buffer).get(index);
    }

    @Override
    Request request(
        BufferCall call, Object xs, int xAt, Object dys, int dyAt, Object outs, int outAt, int n) {
      return new ShortRequest(
          call.precision(),
          call.op(),
          (short[]) xs,
          xAt,
          (short[]) dys,
          dyAt,
          (short[]) outs,
          outAt,
          n,
          (float) call.alpha());
    }
  };

  /** Three new arrays of this type ({@code x}, {@code dy}, {@code out}) of a given length. */
  private final IntFunction<Object[]> newStaging;

  /** Each thread's staging arrays, grown to the largest chunk it has staged. */
  private final ThreadLocal<Object[]> staging;

  /** The {@code ByteBuffer} method that makes a view of this type: {@code asFloatBuffer()}, ... */
  private final String view;

  BufferElements(IntFunction<Object[]> newStaging, String view) {
    this.newStaging = newStaging;
    this.view = view;
    this.staging = ThreadLocal.withInitial(() -> newStaging.apply(0));
  }

  /**
   * The type of {@code buffer}'s elements: FLOAT or DOUBLE for those buffers, SHORT for any other
   * (whose methods then fail to cast it if it is no {@code ShortBuffer}).
   */
  static BufferElements of(Buffer buffer) {
    if (buffer instanceof FloatBuffer) {
      return FLOAT;
    }
    if (buffer instanceof DoubleBuffer) {
      return DOUBLE;
    }
    return SHORT;
  }

  /**
   * This thread's three staging arrays ({@code x}, {@code dy}, {@code out}), of {@code k} or more.
   */
  final Object[] staging(int k) {
    Object[] arrays = staging.get();
    if (Array.getLength(arrays[0]) < k) {
      arrays = newStaging.apply(k);
      staging.set(arrays);
    }
    return arrays;
  }

  /** The {@code ByteBuffer} method that makes a view of this type, e.g. {@code asFloatBuffer()}. */
  final String view() {
    return view;
  }

  /** The byte order of {@code buffer}. */
  abstract ByteOrder order(Buffer buffer);

  /**
   * Copies {@code k} elements from {@code index} of {@code buffer} to the start of {@code array}.
   */
  abstract void get(Buffer buffer, int index, Object array, int k);

  /** Copies the first {@code k} elements of {@code array} to {@code index} of {@code buffer}. */
  abstract void put(Object array, Buffer buffer, int index, int k);

  /** The raw bits of the element at {@code index} of {@code buffer}, as an int. */
  abstract int bits(Buffer buffer, int index);

  /** The array request of {@code call}'s op, alpha and precision on these arrays and ranges. */
  abstract Request request(
      BufferCall call, Object xs, int xAt, Object dys, int dyAt, Object outs, int outAt, int n);
}
