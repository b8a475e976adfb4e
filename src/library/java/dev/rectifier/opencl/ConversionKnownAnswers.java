package dev.rectifier.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clReleaseMemObject;

import dev.rectifier.Precision;
import dev.rectifier.opencl.jocl.Jocl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * The conversions' part of the {@linkplain KnownAnswers known-answer check} of a HALF or BFLOAT16
 * program, bit for bit with the contract, NaNs included ({@link Precision#round}, {@link
 * Precision#widen}): every one of the 65,536 patterns widened to float; and rounded from float,
 * every value of the format, the tie halfway to its upper neighbour (for the largest finite value,
 * the tie with the next power of two, from which on every float overflows to infinity) and the
 * floats just below and above that tie, float subnormals and NaNs with payloads. On a device that
 * may flush float subnormals (BFLOAT16's), a result may also be that of the flushed input, flushed.
 */
final class ConversionKnownAnswers {
  /** Floats that are not next to a value of the format: NaNs with payloads, float extremes. */
  private static final int[] OTHER_FLOATS = {
    0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFF80_0001, 0x7FA0_0000, 0x7FFF_FFFF, 0x7FC0_2000,
    0x7F80_2000, 0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x807F_FFFF, 0x7F7F_FFFF, 0xFF7F_FFFF
  };

  private ConversionKnownAnswers() {}

  /** What the conversions of {@code program} get wrong, in words, or empty. */
  static Optional<String> check(
      ActivationProgram program,
      cl_context context,
      cl_command_queue queue,
      Precision precision,
      boolean mayFlush) {
    short[] patterns = new short[1 << 16];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = (short) i;
    }
    float[] widened = new float[patterns.length];
    convert(program, context, queue, false, widened, patterns);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < patterns.length; i++) {
      float e = precision.widen(patterns[i]);
      if (!same(e, widened[i]) && !(mayFlush && same(flushed(e), widened[i]))) {
        wrong.add(
            String.format(
                "widening %s to float: 0x%04x: expected %s, got %s",
                precision, patterns[i] & 0xFFFF, show(e), show(widened[i])));
      }
    }
    if (wrong.isEmpty()) {
      float[] floats = roundingInputs(precision);
      short[] rounded = new short[floats.length];
      convert(program, context, queue, true, floats, rounded);
      for (int i = 0; i < floats.length; i++) {
        short e = precision.round(floats[i]);
        short f = flushed(precision, precision.round(flushed(floats[i])));
        if (rounded[i] != e && !(mayFlush && rounded[i] == f)) {
          wrong.add(
              String.format(
                  "rounding float to %s: %s: expected 0x%04x, got 0x%04x",
                  precision, show(floats[i]), e & 0xFFFF, rounded[i] & 0xFFFF));
        }
      }
    }
    if (wrong.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(wrong.get(0) + " (" + wrong.size() + " results wrong)");
  }

  /**
   * The floats the rounding is checked on: each value of the format, the tie with its upper
   * neighbour and the floats on either side of it; then {@link #OTHER_FLOATS}.
   */
  static float[] roundingInputs(Precision precision) {
    List<Float> inputs = new ArrayList<>();
    for (int b = 0; b < 1 << 16; b++) {
      float value = precision.widen((short) b);
      if (Float.isNaN(value)) {
        continue;
      }
      inputs.add(value);
      float above = precision.widen((short) (b + 1));
      if (Float.isInfinite(value) || Float.isNaN(above)) {
        continue;
      }
      if (Float.isInfinite(above)) {
        // The largest finite value: the next power of two lies one step of the top binade above.
        above = value + (value - precision.widen((short) (b - 1)));
      }
      float tie = (float) (((double) value + above) / 2); // exact: one bit more than the format
      inputs.add(tie);
      inputs.add(Math.nextDown(tie));
      inputs.add(Math.nextUp(tie));
    }
    for (int bits : OTHER_FLOATS) {
      inputs.add(Float.intBitsToFloat(bits));
    }
    float[] floats = new float[inputs.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = inputs.get(i);
    }
    return floats;
  }

  /** Runs a conversion on the device: {@code floats} into {@code bits} if {@code round}. */
  private static void convert(
      ActivationProgram program,
      cl_context context,
      cl_command_queue queue,
      boolean round,
      float[] floats,
      short[] bits) {
    long floatBytes = (long) floats.length * Float.BYTES;
    long bitBytes = (long) bits.length * Short.BYTES;
    List<cl_mem> made = new ArrayList<>();
    try {
      cl_mem f = made(made, context, floatBytes, Pointer.to(floats));
      cl_mem b = made(made, context, bitBytes, Pointer.to(bits));
      program.enqueueConvert(queue, round, f, b, floats.length, null);
      Pointer target = round ? Pointer.to(bits) : Pointer.to(floats);
      cl_mem from = round ? b : f;
      long bytes = round ? bitBytes : floatBytes;
      Jocl.call(() -> clEnqueueReadBuffer(queue, from, true, 0, bytes, target, 0, null, null));
    } finally {
      made.forEach(m -> Jocl.call(() -> clReleaseMemObject(m)));
    }
  }

  private static cl_mem made(List<cl_mem> made, cl_context context, long bytes, Pointer host) {
    cl_mem mem =
        Jocl.make(
            s -> clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, bytes, host, s));
    made.add(mem);
    return mem;
  }

  private static boolean same(float a, float b) {
    return Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);
  }

  private static float flushed(float v) {
    return (float) KnownAnswers.flushed(Precision.FLOAT, v);
  }

  /**
   * The bits of a 16-bit value that is a float subnormal as a zero of its sign, else as they are.
   */
  private static short flushed(Precision precision, short bits) {
    float v = precision.widen(bits);
    return same(flushed(v), v) ? bits : (short) (bits & 0x8000);
  }

  private static String show(float v) {
    return v + String.format(" (0x%08x)", Float.floatToRawIntBits(v));
  }
}
