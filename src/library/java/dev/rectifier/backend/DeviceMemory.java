package dev.rectifier.backend;

/**
 * The memory a {@link Backend} holds for one {@link dev.rectifier.DeviceArray}: a device buffer for
 * OpenCL, a Java array for the CPU backend. {@code DeviceArray} checks every argument before it
 * gets here: the ranges given have this memory's element type and length.
 */
public interface DeviceMemory extends AutoCloseable {

  /** Copies {@code source} in. */
  void write(HostRange source);

  /** Copies this memory out into {@code target}. */
  void read(HostRange target);

  /** Releases the memory. Called once. */
  @Override
  void close();
}
