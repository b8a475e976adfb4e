package dev.rectifier;

import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.HostRange;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

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
    copy("source", HostRange.of(source), DeviceMemory::write);
  }

  /** Uploads {@code source}, which must have this array's length; a double array. */
  public void write(double[] source) {
    copy("source", HostRange.of(source), DeviceMemory::write);
  }

  /** Downloads into {@code target}, which must have this array's length; a float array. */
  public void read(float[] target) {
    copy("target", HostRange.of(target), DeviceMemory::read);
  }

  /** Downloads into {@code target}, which must have this array's length; a double array. */
  public void read(double[] target) {
    copy("target", HostRange.of(target), DeviceMemory::read);
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

  /**
   * Checks {@code range}, all of a Java array (null when the array is null), against this array,
   * then runs {@code copy} on the memory and the range.
   */
  private void copy(String name, HostRange range, BiConsumer<DeviceMemory, HostRange> copy) {
    if (range == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (range.precision() != precision) {
      throw new IllegalArgumentException(
          name
              + " is a "
              + range.precision().cType()
              + "[] but this DeviceArray holds "
              + precision.cType());
    }
    if (range.length() != length) {
      throw new IllegalArgumentException(
          name + ".length " + range.length() + " differs from the DeviceArray's length " + length);
    }
    rectifier.whileOpen(() -> copy.accept(memory(), range));
  }
}
