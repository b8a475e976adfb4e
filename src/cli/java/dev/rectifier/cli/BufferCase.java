package dev.rectifier.cli;

import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.verify.Bits16;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * An element-wise case's arrays as direct {@code java.nio} buffers in the native byte order, for
 * {@code bench --buffers}: the inputs copied in once, and an output the timed calls write.
 *
 * @param x the input
 * @param dy the incoming gradient, or null for a forward op
 * @param out the output
 */
record BufferCase(Buffer x, Buffer dy, Buffer out) {

  /** Direct buffers holding {@code c}'s inputs, and one for its output. */
  static BufferCase of(Invocation c) {
    return new BufferCase(
        holding(c.x()), c.dy() == null ? null : holding(c.dy()), holding(c.newOutput()));
  }

  /** Runs {@code c}'s op on these buffers with {@code r}. */
  void run(Rectifier r, Invocation c) {
    if (x instanceof ShortBuffer s) {
      Precision p = c.precision();
      r.apply(c.op().op(), p, s, (ShortBuffer) dy, (ShortBuffer) out, (float) c.alpha());
    } else if (x instanceof FloatBuffer f) {
      r.apply(c.op().op(), f, (FloatBuffer) dy, (FloatBuffer) out, (float) c.alpha());
    } else {
      r.apply(c.op().op(), (DoubleBuffer) x, (DoubleBuffer) dy, (DoubleBuffer) out, c.alpha());
    }
  }

  /**
   * Copies the output buffer into {@code array}, a {@code float[]}, {@code double[]} or {@link
   * Bits16}.
   */
  void copyOut(Object array) {
    if (array instanceof Bits16 b) {
      ((ShortBuffer) out).get(0, b.bits());
    } else if (array instanceof float[] f) {
      ((FloatBuffer) out).get(0, f);
    } else {
      ((DoubleBuffer) out).get(0, (double[]) array);
    }
  }

  private static Buffer holding(Object array) {
    if (array instanceof Bits16 b) {
      return direct(b.bits().length * (long) Short.BYTES).asShortBuffer().put(0, b.bits());
    }
    if (array instanceof float[] f) {
      return direct(f.length * (long) Float.BYTES).asFloatBuffer().put(0, f);
    }
    double[] d = (double[]) array;
    return direct(d.length * (long) Double.BYTES).asDoubleBuffer().put(0, d);
  }

  private static ByteBuffer direct(long bytes) {
    return ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
  }
}
