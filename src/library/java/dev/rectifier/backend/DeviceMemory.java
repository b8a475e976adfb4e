package dev.rectifier.backend;

import org.jocl.cl_mem;

/**
 * The memory a {@link Backend} holds for one {@link dev.rectifier.DeviceArray}: a device buffer for
 * OpenCL, a Java array for the CPU backend. {@code DeviceArray} checks every argument before it
 * gets here: the ranges given have this memory's element type and lie within its length.
 */
public interface DeviceMemory extends AutoCloseable {

  /**
   * Copies {@code source} into elements {@code [to, to + source.length())}, after the ops queued
   * before it; returns when {@code source} may be reused.
   */
  void write(HostRange source, int to);

  /**
   * Copies elements {@code [from, from + target.length())} into {@code target}, after the ops
   * queued before it; returns when they are there.
   */
  void read(int from, HostRange target);

  /**
   * Copies elements {@code [from, from + length)} into {@code target} (memory of the same backend
   * and type) from element {@code to}, in order after the ops queued before it; the ranges do not
   * overlap when {@code target} is this memory. May return before the copy is done.
   */
  void copyTo(int from, DeviceMemory target, int to, int length);

  /**
   * The OpenCL buffer behind this memory.
   *
   * @throws IllegalStateException if it has none (the CPU backend), or several (a segmented array),
   *     saying which
   */
  default cl_mem clMem() {
    throw new IllegalStateException(
        "a DeviceArray of the CPU backend is a Java array and has no OpenCL buffer");
  }

  /**
   * The bytes this memory occupies and what its buffer's flags forbid, for the checks of a call; by
   * default memory that shares nothing and allows every use.
   */
  default Footprint footprint() {
    return Footprint.PRIVATE;
  }

  /**
   * Whether the garbage collector frees this memory by itself (a Java array), so that nothing need
   * close it when its array is dropped.
   */
  default boolean collectable() {
    return false;
  }

  /** Releases the memory, once the ops queued on it are done. Called once. */
  @Override
  void close();
}
