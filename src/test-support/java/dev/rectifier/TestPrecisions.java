package dev.rectifier;

import java.util.List;

/**
 * The precisions whose elements are {@code float[]} and {@code double[]}: what the tests written
 * for those two arrays loop over, apart from the 16-bit ones, which hold {@code short[]} and are
 * tested on their own.
 */
public final class TestPrecisions {
  /** FLOAT and DOUBLE. */
  public static final List<Precision> FLOAT_AND_DOUBLE = List.of(Precision.FLOAT, Precision.DOUBLE);

  private TestPrecisions() {}
}
