package dev.rectifier.verify;

import dev.rectifier.Precision;
import java.util.Objects;

/**
 * An array of 16-bit elements as the suite holds it: the bits, a {@code short} each, with the
 * format they are in, so that HALF bits never pass for BFLOAT16 ones. The other arrays the suite
 * handles are plain {@code float[]} and {@code double[]}.
 *
 * @param precision {@link Precision#HALF} or {@link Precision#BFLOAT16}
 * @param bits the elements' bits
 */
public record Bits16(Precision precision, short[] bits) {

  /**
   * @throws IllegalArgumentException if {@code precision} is not a 16-bit format
   */
  public Bits16 {
    Objects.requireNonNull(bits, "bits must not be null");
    if (!precision.sixteenBit()) {
      throw new IllegalArgumentException("precision must be HALF or BFLOAT16 but was " + precision);
    }
  }
}
