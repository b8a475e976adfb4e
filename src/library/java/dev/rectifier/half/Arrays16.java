package dev.rectifier.half;

/** The checks of the array conversions, naming the argument. */
final class Arrays16 {
  private Arrays16() {}

  static void checkSameLength(float[] floats, short[] bits) {
    if (floats == null) {
      throw new NullPointerException("floats must not be null");
    }
    if (bits == null) {
      throw new NullPointerException("bits must not be null");
    }
    if (bits.length != floats.length) {
      throw new IllegalArgumentException(
          "bits.length " + bits.length + " differs from floats.length " + floats.length);
    }
  }
}
