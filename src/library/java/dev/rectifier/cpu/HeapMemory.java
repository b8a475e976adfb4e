package dev.rectifier.cpu;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.DoubleRequest;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Request;
import dev.rectifier.backend.ShortRequest;

/** A {@link dev.rectifier.DeviceArray} of the CPU backend: a Java array. */
final class HeapMemory implements DeviceMemory {
  private final HostRange array;

  HeapMemory(Precision precision, int length) {
    this.array =
        switch (precision) {
          case FLOAT -> HostRange.of(new float[length]);
          case DOUBLE -> HostRange.of(new double[length]);
          case HALF, BFLOAT16 -> HostRange.of(precision, new short[length]);
        };
  }

  /**
   * {@code op} over the whole of this memory into {@code out} (and from {@code dy}, for gradients),
   * all of this memory's type and length; for float and 16-bit elements, {@code alpha} holds a
   * float value.
   */
  Request request(Op op, HeapMemory dy, HeapMemory out, double alpha) {
    int n = array.length();
    if (array.floats() != null) {
      float[] g = dy == null ? null : dy.array.floats();
      return new FloatRequest(op, array.floats(), 0, g, 0, out.array.floats(), 0, n, (float) alpha);
    }
    if (array.doubles() != null) {
      double[] g = dy == null ? null : dy.array.doubles();
      return new DoubleRequest(op, array.doubles(), 0, g, 0, out.array.doubles(), 0, n, alpha);
    }
    short[] g = dy == null ? null : dy.array.shorts();
    return new ShortRequest(
        array.precision(), op, array.shorts(), 0, g, 0, out.array.shorts(), 0, n, (float) alpha);
  }

  /** The Java array behind this memory, as a range. */
  HostRange array() {
    return array;
  }

  @Override
  public void write(HostRange source, int to) {
    source.copyTo(array.slice(to, source.length()));
  }

  @Override
  public void read(int from, HostRange target) {
    array.slice(from, target.length()).copyTo(target);
  }

  @Override
  public void copyTo(int from, DeviceMemory target, int to, int length) {
    array.slice(from, length).copyTo(((HeapMemory) target).array.slice(to, length));
  }

  /** The garbage collector frees the array. */
  @Override
  public void close() {}

  @Override
  public boolean collectable() {
    return true;
  }
}
