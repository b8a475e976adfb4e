package dev.rectifier.cpu;

import dev.rectifier.Precision;
import dev.rectifier.backend.DeviceMemory;

/** A {@link dev.rectifier.DeviceArray} of the CPU backend: a Java array. */
final class HeapMemory implements DeviceMemory {
  private final Object array;

  HeapMemory(Precision precision, int length) {
    this.array = precision == Precision.DOUBLE ? new double[length] : new float[length];
  }

  Object array() {
    return array;
  }

  int length() {
    return java.lang.reflect.Array.getLength(array);
  }

  @Override
  public void write(Object source) {
    System.arraycopy(source, 0, array, 0, length());
  }

  @Override
  public void read(Object target) {
    System.arraycopy(array, 0, target, 0, length());
  }

  /** The garbage collector frees the array. */
  @Override
  public void close() {}
}
