package dev.rectifier.half;

import dev.rectifier.Op;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.PreluReference;
import dev.rectifier.verify.Tensors;

/**
 * docs/contract.md's "HALF and BFLOAT16", rebuilt from its text alone, with none of the library's
 * code ({@link Fp16}, {@link Bf16} and the ops are what it checks): each format from its fields,
 * rounding from float by counting units of the target's last place in double arithmetic (exact for
 * every float) and rounding that count to an even integer, widening from the value the fields give,
 * and the NaN rule from its table. The ops are the float contract's reference ({@link Expected},
 * {@link PreluReference}) on the widened inputs, rounded once.
 */
final class Reference16 {
  /** A 16-bit storage format: a sign bit, {@code exponentBits}, {@code significandBits}. */
  enum Format {
    /** IEEE binary16: 5 exponent bits with bias 15, 10 significand bits. */
    HALF(5, 10),
    /** The top 16 bits of a float: 8 exponent bits with bias 127, 7 significand bits. */
    BFLOAT16(8, 7);

    private final int significandBits;
    private final int bias;
    private final int exponentField;

    Format(int exponentBits, int significandBits) {
      this.significandBits = significandBits;
      this.bias = (1 << (exponentBits - 1)) - 1;
      this.exponentField = ((1 << exponentBits) - 1) << significandBits;
    }

    /** The exponent of the smallest normal value. */
    private int minExponent() {
      return 1 - bias;
    }

    /** The largest finite value: (2 − 2^−significandBits) · 2^bias. */
    double largestFinite() {
      return (2 - Math.scalb(1.0, -significandBits)) * Math.scalb(1.0, bias);
    }

    /** The smallest subnormal value, 2^(minExponent − significandBits). */
    double smallestSubnormal() {
      return Math.scalb(1.0, minExponent() - significandBits);
    }

    /** The significand's top bit, which marks a NaN quiet. */
    private int quietBit() {
      return 1 << (significandBits - 1);
    }

    private int significandMask() {
      return (1 << significandBits) - 1;
    }

    /** Whether {@code bits} is a NaN of this format: exponent all ones, significand not zero. */
    boolean isNaN(short bits) {
      return (bits & exponentField) == exponentField && (bits & significandMask()) != 0;
    }

    /** Whether {@code bits} is a NaN of this format with its quiet bit set. */
    boolean isQuietNaN(short bits) {
      return isNaN(bits) && (bits & quietBit()) != 0;
    }

    /** Whether {@code bits} is a subnormal of this format (exponent 0, significand not zero). */
    boolean isSubnormal(short bits) {
      return (bits & exponentField) == 0 && (bits & significandMask()) != 0;
    }

    /**
     * {@code f} rounded to this format: to nearest, ties to even; beyond the largest finite value,
     * infinity; the sign kept, that of zero included; a NaN keeps its sign and top significand bits
     * and becomes quiet.
     */
    short round(float f) {
      int floatBits = Float.floatToRawIntBits(f);
      int sign = (floatBits >>> 16) & 0x8000;
      if (Float.isNaN(f)) {
        // The table's rule: sign | all-ones exponent | quiet bit | the top significand bits kept.
        int kept = (floatBits & 0x7F_FFFF) >>> (23 - significandBits);
        return (short) (sign | exponentField | quietBit() | kept);
      }
      double magnitude = Math.abs((double) f);
      if (Double.isInfinite(magnitude)) {
        return (short) (sign | exponentField);
      }
      // The target's last place at this magnitude (subnormals share the smallest normal's);
      // magnitude / unit is exact, and rint rounds it to nearest, ties to the even integer.
      int exponent = Math.max(Math.getExponent(magnitude), minExponent());
      double unit = Math.scalb(1.0, exponent - significandBits);
      double rounded = Math.rint(magnitude / unit) * unit;
      return (short) (sign | encode(rounded));
    }

    /** The bits of a non-negative value of this format, or infinity's beyond the largest. */
    private int encode(double value) {
      if (value > largestFinite()) {
        return exponentField;
      }
      if (value < Math.scalb(1.0, minExponent())) {
        return (int) (value / smallestSubnormal());
      }
      int exponent = Math.getExponent(value);
      int significand =
          (int) (value / Math.scalb(1.0, exponent - significandBits)) - (1 << significandBits);
      return ((exponent + bias) << significandBits) | significand;
    }

    /** The value of {@code bits} as a float, exactly; a NaN keeps its bits and becomes quiet. */
    float widen(short bits) {
      int sign = (bits & 0x8000) << 16;
      int significand = bits & significandMask();
      if (isNaN(bits)) {
        // The table's rule: sign | float's NaN exponent and quiet bit | the significand on top.
        return Float.intBitsToFloat(sign | 0x7FC0_0000 | (significand << (23 - significandBits)));
      }
      double magnitude;
      if ((bits & exponentField) == exponentField) {
        magnitude = Double.POSITIVE_INFINITY;
      } else {
        int exponent = (bits & exponentField) >>> significandBits;
        magnitude =
            exponent == 0
                ? significand * smallestSubnormal()
                : ((1 << significandBits) + significand)
                    * Math.scalb(1.0, exponent - bias - significandBits);
      }
      float value = (float) magnitude; // exact: every value of both formats is a float
      return sign != 0 ? -value : value;
    }

    /** Every element widened. */
    float[] widen(short[] bits) {
      float[] floats = new float[bits.length];
      for (int i = 0; i < bits.length; i++) {
        floats[i] = widen(bits[i]);
      }
      return floats;
    }

    /** Every element rounded. */
    short[] round(float[] floats) {
      short[] bits = new short[floats.length];
      for (int i = 0; i < floats.length; i++) {
        bits[i] = round(floats[i]);
      }
      return bits;
    }

    /**
     * Whether {@code actual} is what the contract gives where the reference gives {@code expected}:
     * the same bits, or for a NaN, any quiet NaN of this format.
     */
    boolean matches(short expected, short actual) {
      return isNaN(expected) ? isQuietNaN(actual) : expected == actual;
    }
  }

  private Reference16() {}

  /** {@code op} on every element (dy null for forward ops): the float op, rounded once. */
  static short[] op(Format f, Op op, short[] x, short[] dy, float alpha) {
    return f.round((float[]) Expected.of(op, f.widen(x), dy == null ? null : f.widen(dy), alpha));
  }

  /**
   * What a device without denormals may give for BFLOAT16, whose subnormals are float subnormals:
   * the float op on flushed inputs, flushed, then rounded. Null for HALF, whose subnormals are
   * normal floats (a float subnormal result rounds to HALF's zero of its sign, flushed or not).
   */
  static short[] flushingOp(Format f, Op op, short[] x, short[] dy, float alpha) {
    if (f == Format.HALF) {
      return null;
    }
    return f.round(
        (float[]) Expected.flushing(true, op, f.widen(x), dy == null ? null : f.widen(dy), alpha));
  }

  /** PReLU: {@code x > 0 ? x : w[c] * x} in float, rounded once. */
  static short[] prelu(Format f, short[] x, float[] weight, int inner) {
    return f.round((float[]) PreluReference.forward(f.widen(x), weight, inner));
  }

  /** PReLU as a device that flushes float subnormals may give it for BFLOAT16; null for HALF. */
  static short[] flushingPrelu(Format f, short[] x, float[] weight, int inner) {
    if (f == Format.HALF) {
      return null;
    }
    Object y = PreluReference.forward(flushed(f.widen(x)), flushed(weight), inner);
    return f.round(flushed(y));
  }

  /** PReLU's {@code dx}: {@code x > 0 ? dy : w[c] * dy} in float, rounded once. */
  static short[] preluDx(Format f, short[] x, short[] dy, float[] weight, int inner) {
    return f.round((float[]) PreluReference.dx(f.widen(x), f.widen(dy), weight, inner));
  }

  /** PReLU's {@code dx} as a device that flushes float subnormals may give it; null for HALF. */
  static short[] flushingPreluDx(Format f, short[] x, short[] dy, float[] weight, int inner) {
    if (f == Format.HALF) {
      return null;
    }
    Object dx =
        PreluReference.dx(flushed(f.widen(x)), flushed(f.widen(dy)), flushed(weight), inner);
    return f.round(flushed(dx));
  }

  /** PReLU's {@code dw}: the float contract's sum over the widened inputs, a float. */
  static float[] preluDweight(Format f, short[] x, short[] dy, int channels, int inner) {
    return (float[]) PreluReference.dweight(f.widen(x), f.widen(dy), channels, inner);
  }

  /** {@code dw} as a device that flushes float subnormals sums it. */
  static float[] preluDweightFlushed(Format f, short[] x, short[] dy, int channels, int inner) {
    return (float[]) PreluReference.dweightFlushed(f.widen(x), f.widen(dy), channels, inner);
  }

  private static float[] flushed(Object floats) {
    return (float[]) Tensors.flushed(floats);
  }
}
