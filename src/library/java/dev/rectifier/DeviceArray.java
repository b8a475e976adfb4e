package dev.rectifier;

import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.Footprint;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Names;
import dev.rectifier.calls.DeviceArrayAccess;
import dev.rectifier.calls.DeviceRequest;
import dev.rectifier.calls.MemoryChecks;
import dev.rectifier.calls.OpenArrays;
import java.lang.ref.Cleaner;
import java.util.function.Supplier;
import org.jocl.cl_mem;

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
  static {
    DeviceArrayAccess.install(
        new DeviceArrayAccess() {
          @Override
          protected Backend owner(DeviceArray array) {
            return array.owner;
          }

          @Override
          protected DeviceMemory memory(DeviceArray array) {
            return array.memory;
          }

          @Override
          protected Footprint footprint(DeviceArray array) {
            return array.footprint;
          }

          @Override
          protected boolean madeBy(DeviceArray array, Rectifier rectifier) {
            return array.rectifier == rectifier;
          }
        });
  }

  private final Rectifier rectifier;
  private final Backend owner;
  private final DeviceMemory memory;
  private final Precision precision;
  private final int length;
  private final Footprint footprint;

  /** Frees the memory, at most once: {@link #close()}, the garbage collector or the Rectifier. */
  private final Cleaner.Cleanable free;

  /** Calls using the memory now; guarded by {@code this}. */
  private int users;

  /** Whether {@link #close()} has been called; guarded by {@code this}. */
  private boolean closed;

  /** Whether the memory has been freed; guarded by {@code this}. */
  private boolean freed;

  /** An array over {@code memory}, which {@code open} records until it is freed. */
  DeviceArray(
      Rectifier rectifier,
      Backend owner,
      DeviceMemory memory,
      Precision precision,
      int length,
      OpenArrays open) {
    this.rectifier = rectifier;
    this.owner = owner;
    this.memory = memory;
    this.precision = precision;
    this.length = length;
    this.footprint = memory.footprint();
    this.free = open.add(this, memory);
  }

  /** The element type. */
  public Precision precision() {
    return precision;
  }

  /** The number of elements. */
  public int length() {
    return length;
  }

  /** Uploads {@code source}, which must have this array's length; returns when it is there. */
  public void write(float[] source) {
    HostRange all = HostRange.of(source);
    write(all, "source", 0, 0, wholeLength(all, "source"));
  }

  /** Uploads {@code source}, which must have this array's length; returns when it is there. */
  public void write(double[] source) {
    HostRange all = HostRange.of(source);
    write(all, "source", 0, 0, wholeLength(all, "source"));
  }

  /**
   * Uploads {@code source}, the bits of 16-bit elements, which must have this array's length; the
   * array must hold {@link Precision#HALF} or {@link Precision#BFLOAT16}, whose bits they are taken
   * to be. Returns when they are there.
   */
  public void write(short[] source) {
    HostRange all = shorts(source, "source");
    write(all, "source", 0, 0, wholeLength(all, "source"));
  }

  /**
   * Uploads {@code source[sourceOffset, sourceOffset + length)} into elements {@code [to, to +
   * length)}, after the ops queued before it; returns when done.
   *
   * @throws IndexOutOfBoundsException if a range lies outside its array
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public void write(float[] source, int sourceOffset, int to, int length) {
    write(HostRange.of(source), "source", sourceOffset, to, length);
  }

  /** As {@link #write(float[], int, int, int)}, for double. */
  public void write(double[] source, int sourceOffset, int to, int length) {
    write(HostRange.of(source), "source", sourceOffset, to, length);
  }

  /** As {@link #write(float[], int, int, int)}, for 16-bit elements as {@link #write(short[])}. */
  public void write(short[] source, int sourceOffset, int to, int length) {
    write(shorts(source, "source"), "source", sourceOffset, to, length);
  }

  /**
   * Downloads into {@code target}, which must have this array's length, once the ops queued before
   * are done.
   *
   * @throws RectifierException if an op queued since the last {@link Rectifier#finish()} failed on
   *     the device, naming it
   */
  public void read(float[] target) {
    HostRange all = HostRange.of(target);
    read(0, all, "target", 0, wholeLength(all, "target"));
  }

  /** As {@link #read(float[])}, for double. */
  public void read(double[] target) {
    HostRange all = HostRange.of(target);
    read(0, all, "target", 0, wholeLength(all, "target"));
  }

  /** As {@link #read(float[])}, the bits of 16-bit elements as {@link #write(short[])}. */
  public void read(short[] target) {
    HostRange all = shorts(target, "target");
    read(0, all, "target", 0, wholeLength(all, "target"));
  }

  /**
   * Downloads elements {@code [from, from + length)} into {@code target[targetOffset, targetOffset
   * + length)}, as {@link #read(float[])}.
   *
   * @throws IndexOutOfBoundsException if a range lies outside its array
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public void read(float[] target, int targetOffset, int from, int length) {
    read(from, HostRange.of(target), "target", targetOffset, length);
  }

  /** As {@link #read(float[], int, int, int)}, for double. */
  public void read(double[] target, int targetOffset, int from, int length) {
    read(from, HostRange.of(target), "target", targetOffset, length);
  }

  /** As {@link #read(float[], int, int, int)}, for 16-bit elements as {@link #write(short[])}. */
  public void read(short[] target, int targetOffset, int from, int length) {
    read(from, shorts(target, "target"), "target", targetOffset, length);
  }

  /**
   * Copies elements {@code [from, from + length)} into {@code target}'s {@code [targetOffset,
   * targetOffset + length)} on the device, enqueued after the ops before it (it returns without
   * waiting, like an op). {@code target} may be this array if the ranges do not overlap.
   *
   * @throws IllegalArgumentException if {@code target} was made by another Rectifier or holds
   *     another precision, {@code length} is negative, or the ranges overlap in one array or in the
   *     memory two arrays share (wrapped buffers)
   * @throws IndexOutOfBoundsException if a range lies outside its array
   * @throws IllegalStateException if an array or the Rectifier is closed
   */
  public void copyTo(int from, DeviceArray target, int targetOffset, int length) {
    DeviceRequest.requireMadeBy(rectifier, target, "target");
    if (target.precision != precision) {
      throw new IllegalArgumentException(
          "target holds "
              + Names.cType(target.precision)
              + " but this DeviceArray holds "
              + Names.cType(precision));
    }
    requireRange("from", from, "length", length, this.length, "this DeviceArray");
    requireRange("targetOffset", targetOffset, "length", length, target.length, "target");
    if (target == this && from < targetOffset + length && targetOffset < from + length) {
      throw new IllegalArgumentException(
          "the ranges ["
              + from
              + ", "
              + (from + length)
              + ") and ["
              + targetOffset
              + ", "
              + (targetOffset + length)
              + ") of this DeviceArray overlap");
    }
    if (target != this) {
      MemoryChecks.requireApart(
          this, "this DeviceArray", from, target, "target", targetOffset, length);
    }
    if (length > 0) {
      rectifier.whileOpen(
          () ->
              using(
                  () -> {
                    memory.copyTo(from, target.memory, targetOffset, length);
                    return null;
                  },
                  this,
                  target));
    }
  }

  /**
   * The OpenCL buffer behind this array, for the user's own kernels and JOCLBlast calls on the
   * Rectifier's queue; valid while this array is open. For an array from {@link Rectifier#wrap} it
   * is the buffer given.
   *
   * @throws IllegalStateException if this array is on the CPU backend, spans several buffers (an
   *     array larger than the device's largest buffer), is empty, or is closed
   */
  public cl_mem clMem() {
    return rectifier.whileOpen(() -> using(memory::clMem, this));
  }

  /**
   * Frees the device memory (for an array from {@link Rectifier#wrap}, releases only its retain of
   * the user's buffer), once the calls using this array in other threads have finished; later uses
   * throw {@link IllegalStateException}. Idempotent. An array left open is freed by its Rectifier's
   * close, or once the garbage collector finds it unreachable (its {@link #clMem()} is then
   * invalid).
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
      free.clean();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "DeviceArray["
        + Names.cType(precision)
        + " x "
        + length
        + " on "
        + owner.describe()
        + "]";
  }

  Backend owner() {
    return owner;
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
   * {@code array} as a range of this array's 16-bit precision (null when it is null).
   *
   * @throws IllegalArgumentException if this array does not hold 16-bit elements
   */
  private HostRange shorts(short[] array, String name) {
    if (!precision.sixteenBit()) {
      throw new IllegalArgumentException(
          name + " is a short[] but this DeviceArray holds " + Names.cType(precision));
    }
    return HostRange.of(precision, array);
  }

  /** The length of {@code array}, a whole Java array that must be as long as this array. */
  private int wholeLength(HostRange array, String name) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (array.length() != length) {
      throw new IllegalArgumentException(
          name + ".length " + array.length() + " differs from the DeviceArray's length " + length);
    }
    return length;
  }

  private void write(HostRange array, String name, int offset, int to, int n) {
    HostRange source = checked(array, name, offset, n);
    requireRange("to", to, "length", n, length, "this DeviceArray");
    MemoryChecks.requireAllowed(this, "this DeviceArray", Footprint.Use.HOST_WRITE);
    transfer(() -> memory.write(source, to), n);
  }

  private void read(int from, HostRange array, String name, int offset, int n) {
    HostRange target = checked(array, name, offset, n);
    requireRange("from", from, "length", n, length, "this DeviceArray");
    MemoryChecks.requireAllowed(this, "this DeviceArray", Footprint.Use.HOST_READ);
    transfer(() -> memory.read(from, target), n);
  }

  /** Runs a copy of {@code n} elements between the host and the memory, while both stay open. */
  private void transfer(Runnable copy, int n) {
    rectifier.whileOpen(
        () ->
            using(
                () -> {
                  if (n > 0) {
                    copy.run();
                  }
                  return null;
                },
                this));
  }

  /**
   * The range {@code [offset, offset + n)} of {@code array} (null when the Java array is null),
   * checked against this array's precision and the Java array's length.
   */
  private HostRange checked(HostRange array, String name, int offset, int n) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (array.precision() != precision) {
      throw new IllegalArgumentException(
          name
              + " is a "
              + Names.cType(array.precision())
              + "[] but this DeviceArray holds "
              + Names.cType(precision));
    }
    requireRange(name + "Offset", offset, "length", n, array.length(), name);
    return array.slice(offset, n);
  }

  /** Checks that {@code [start, start + n)} lies within {@code [0, size)}. */
  private static void requireRange(
      String startName, int start, String nName, int n, int size, String of) {
    if (n < 0) {
      throw new IllegalArgumentException(nName + " must not be negative, was " + n);
    }
    if (start < 0 || (long) start + n > size) {
      throw new IndexOutOfBoundsException(
          startName
              + " "
              + start
              + " and "
              + nName
              + " "
              + n
              + " reach past "
              + of
              + "'s "
              + size
              + " elements");
    }
  }
}
