package dev.rectifier.backend;

import dev.rectifier.DeviceInfo;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import java.nio.Buffer;
import java.util.Optional;
import java.util.OptionalLong;
import org.jocl.cl_mem;

/**
 * A way of computing {@link Request}s: the seam between {@link dev.rectifier.Rectifier} and its
 * backends (the Java CPU backend and OpenCL). Users hold a {@code Rectifier}, not a backend.
 */
public interface Backend extends AutoCloseable {

  /** What this backend runs on, e.g. {@code "CPU: Java, 2 threads"}. */
  String describe();

  /** The OpenCL device this backend runs on; empty for the CPU backend. */
  default Optional<DeviceInfo> device() {
    return Optional.empty();
  }

  /**
   * The threads one call may use on the host, for the CPU backend's loops and for staging buffers:
   * by default the caller and the common fork-join pool.
   */
  default CallThreads callThreads() {
    return CallThreads.COMMON;
  }

  /** Whether this backend computes requests of the given precision. */
  boolean supports(Precision precision);

  /**
   * Computes a checked, non-empty request of a supported precision and writes its output range, and
   * nothing else.
   */
  void run(Request request);

  /** Zeroed memory for {@code length} elements of a supported precision, on this backend. */
  DeviceMemory allocate(Precision precision, int length);

  /**
   * Runs {@code op} on direct buffers of a supported precision (from position to limit, checked by
   * the caller; {@code dy} null for forward ops) in their own memory, if this backend can: a device
   * that shares host memory, or the CPU backend on Java 22 and later. Returns false, having done
   * nothing, where it cannot; the caller then stages the buffers through Java arrays.
   */
  default boolean runInPlace(Op op, Buffer x, Buffer dy, Buffer out, double alpha) {
    return false;
  }

  /**
   * Memory over the first {@code length} elements of the user's OpenCL {@code buffer}, which it
   * retains until closed.
   *
   * @throws IllegalArgumentException if the buffer is not of this backend's context, or too small
   * @throws IllegalStateException if this backend has no OpenCL context (the CPU backend)
   */
  default DeviceMemory wrap(cl_mem buffer, Precision precision, int length) {
    throw new IllegalStateException(
        "wrap needs an OpenCL Rectifier; this one runs on " + describe());
  }

  /** Memory on this backend holding a copy of {@code source}, of a supported precision. */
  default DeviceMemory upload(HostRange source) {
    DeviceMemory memory = allocate(source.precision(), source.length());
    try {
      memory.write(source, 0);
      return memory;
    } catch (RuntimeException e) {
      memory.close();
      throw e;
    }
  }

  /**
   * Runs {@code op} on whole memories this backend allocated, all of one precision and length
   * ({@code dy} null unless {@code op} is a gradient; {@code out} may be {@code x} or {@code dy}),
   * in order after the ops before it. A device backend may return before the result is in {@code
   * out}: {@link #finish()} waits for it. A float op's {@code alpha} is a float value, narrowed and
   * checked by the caller.
   */
  void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha);

  /**
   * As {@link #run(Op, DeviceMemory, DeviceMemory, DeviceMemory, double)}, and returns the time the
   * device spent in the kernel by its own clock, in nanoseconds; a backend without such a clock
   * runs the op all the same and returns empty.
   */
  default OptionalLong timeKernel(
      Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    run(op, x, dy, out, alpha);
    return OptionalLong.empty();
  }

  /**
   * Computes a checked PReLU request of a supported precision: writes its output and, for the
   * gradient, its {@code dweight} (zeros when {@code x} is empty), and nothing else.
   */
  void prelu(PreluRequest request);

  /**
   * PReLU or its gradient on memories this backend allocated, in order after the ops before it, as
   * {@link #run(Op, DeviceMemory, DeviceMemory, DeviceMemory, double)} is. If {@code timed}, waits
   * and returns the device's time for the kernels in nanoseconds, where it has such a clock.
   */
  OptionalLong prelu(PreluMemories m, boolean timed);

  /**
   * Converts {@code source} into {@code target}, whole memories of this backend of one length, one
   * of them FLOAT and the other of the 16-bit {@code format}: float rounded to 16 bits as {@link
   * Precision#round(float)}, or 16 bits widened as {@link Precision#widen(short)}; in order after
   * the ops before it. Returns false, having done nothing, where this backend has no such
   * conversion; the caller then converts through host arrays.
   */
  default boolean convert(DeviceMemory source, DeviceMemory target, Precision format) {
    return false;
  }

  /**
   * Copies {@code source} into {@code target} (two memories of one precision and length) and
   * returns the device's time for the copy in nanoseconds; empty if it has no such clock.
   */
  OptionalLong timeCopy(DeviceMemory source, DeviceMemory target);

  /**
   * Waits until every op and copy on memories of this backend is done.
   *
   * @throws dev.rectifier.RectifierException naming the op and memories, if one failed on the
   *     device since the last finish; the backend keeps working
   */
  default void finish() {}

  /** Releases what the backend holds, once what is queued is done. Idempotent. */
  @Override
  void close();
}
