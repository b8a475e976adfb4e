package dev.rectifier.backend;

/**
 * The memory a {@link Backend} holds for one {@link DeviceArray}: a device buffer for OpenCL, a
 * Java array for the CPU backend. {@link DeviceArray} checks every argument before it gets here.
 */
public interface DeviceMemory extends AutoCloseable {

  /** Copies {@code source}, a {@code float[]} or {@code double[]} of this memory's length, in. */
  void write(Object source);

  /** Copies this memory out into {@code target}, an array of its type and length. */
  void read(Object target);

  /** Releases the memory. Called once. */
  @Override
  void close();
}
