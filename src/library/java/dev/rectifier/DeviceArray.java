package dev.rectifier;

import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.HostRange;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

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

  /** Calls using the memory now; guarded by {@code this}. */
  private int users;

  /** Whether {@link #close()} has been called; guarded by {@code this}. */
  private boolean closed;

  /** Whether the memory has been freed; guarded by {@code this}. */
  private boolean freed;

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

  /**
   * Frees the device memory, once the calls using this array in other threads have finished; later
   * uses throw {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    boolean interrupted = false;
    synchronized (this) {
      closed = true;
      while (users > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // the memory must not be freed under a running call: keep waiting
        }
      }
      if (freed) {
        return;
      }
      freed = true;
    }
    try {
      memory.close();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "DeviceArray[" + precision.cType() + " x " + length + " on " + owner.describe() + "]";
  }

  Backend owner() {
    return owner;
  }

  /** Whether {@code rectifier} made this array. */
  boolean madeBy(Rectifier rectifier) {
    return this.rectifier == rectifier;
  }

  /**
   * Runs {@code work} on the memories of {@code arrays} (nulls skipped, repeats allowed) while none
   * of them can be freed: {@link #close()} waits for it. Never blocks; call within the Rectifier's
   * whileOpen.
   *
   * @throws IllegalStateException if one of the arrays is closed, before {@code work} runs
   */
  static <T> T using(Supplier<T> work, DeviceArray... arrays) {
    int held = 0;
    try {
      for (; held < arrays.length; held++) {
        if (arrays[held] != null) {
          arrays[held].hold();
        }
      }
      return work.get();
    } finally {
      for (int i = 0; i < held; i++) {
        if (arrays[i] != null) {
          arrays[i].release();
        }
      }
    }
  }

  /** The memory; only within {@link #using}. */
  DeviceMemory memory() {
    return memory;
  }

  /** Counts a use, unless the array is closed. */
  private synchronized void hold() {
    if (closed) {
      throw new IllegalStateException("this DeviceArray is closed (" + this + ")");
    }
    users++;
  }

  /** Ends a use, waking a close that waits for it. */
  private synchronized void release() {
    if (--users == 0 && closed) {
      notifyAll();
    }
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
    rectifier.whileOpen(
        () ->
            using(
                () -> {
                  copy.accept(memory, range);
                  return null;
                },
                this));
  }
}
