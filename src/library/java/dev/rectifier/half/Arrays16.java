package dev.rectifier.half;

/** What the array conversions of both formats share: the check of their arguments. */
final class Arrays16 {
  private Arrays16() {}

  /** Checks that both arrays are given and of one length, naming the argument otherwise. */
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
