package dev.rectifier;

import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An array that lives on a {@link Rectifier}'s device, so that chained ops never cross the bus:
 * upload once, run any number of ops in place or into other device arrays, download once.
 *
 * <pre>{@code
 * try (Rectifier r = Rectifier.create();
 *     DeviceArray x = r.upload(input);
 *     DeviceArray y = r.allocate(Precision.FLOAT, input.length)) {
 *   r.leakyRelu(x, y, 0.01);
 *   r.relu(y, y);
 *   y.read(output);
 * }
 * }</pre>
 *
 * <p>On the CPU backend it is a Java array. Close it to free the device memory; a closed array, or
 * one whose {@link Rectifier} is closed, throws {@link IllegalStateException} when used.
 * Thread-safe as far as the device is: two threads may run ops on the same arrays, in an order they
 * arrange.
 */
public final class DeviceArray implements AutoCloseable {
  private final Rectifier rectifier;
  private final Backend owner;
  private final DeviceMemory memory;
  private final Precision precision;
  private final int length;
  private final AtomicBoolean closed = new AtomicBoolean();

  DeviceArray(
      Rectifier rectifier, Backend owner, DeviceMemory memory, Precision precision, int length) {
    this.rectifier = rectifier;
    this.owner = owner;
    this.memory = memory;
    this.precision = precision;
    this.length = length;
  }

  /** The element type. */
  public Precision precision() {
    return precision;
  }

  /** The number of elements. */
  public int length() {
    return length;
  }

  /** Uploads {@code source}, which must have this array's length; a float array. */
  public void write(float[] source) {
    write(source, Precision.FLOAT);
  }

  /** Uploads {@code source}, which must have this array's length; a double array. */
  public void write(double[] source) {
    write(source, Precision.DOUBLE);
  }

  /** Downloads into {@code target}, which must have this array's length; a float array. */
  public void read(float[] target) {
    read(target, Precision.FLOAT);
  }

  /** Downloads into {@code target}, which must have this array's length; a double array. */
  public void read(double[] target) {
    read(target, Precision.DOUBLE);
  }

  private void write(Object source, Precision type) {
    checked(source, type, "source");
    rectifier.whileOpen(() -> memory().write(source));
  }

  private void read(Object target, Precision type) {
    checked(target, type, "target");
    rectifier.whileOpen(() -> memory().read(target));
  }

  /** Frees the device memory. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      memory.close();
    }
  }

  @Override
  public String toString() {
    return "DeviceArray[" + precision.cType() + " x " + length + " on " + owner.describe() + "]";
  }

  Backend owner() {
    return owner;
  }

  /** The memory, once the array is known to be open; call within its Rectifier's whileOpen. */
  DeviceMemory memory() {
    if (closed.get()) {
      throw new IllegalStateException("this DeviceArray is closed (" + this + ")");
    }
    return memory;
  }

  private void checked(Object array, Precision type, String name) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (type != precision) {
      throw new IllegalArgumentException(
          name + " is a " + type.cType() + "[] but this DeviceArray holds " + precision.cType());
    }
    int n = java.lang.reflect.Array.getLength(array);
    if (n != length) {
      throw new IllegalArgumentException(
          name + ".length " + n + " differs from the DeviceArray's length " + length);
    }
  }
}
