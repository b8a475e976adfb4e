package dev.rectifier.calls;

import dev.rectifier.DeviceArray;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.Footprint;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Names;
import dev.rectifier.half.Format16;

/**
 * A conversion between a FLOAT and a 16-bit {@link DeviceArray} of one length, checked when made:
 * both made by the calling Rectifier, one FLOAT and the other HALF or BFLOAT16, of one length, the
 * source readable and the target writable by ops. Run on the arrays' backend where it converts
 * itself, else through host arrays a chunk at a time (where the two live on different backends, or
 * the backend has no conversion of its own).
 *
 * @param source the array read
 * @param target the array written
 */
public record DeviceConversion(DeviceArray source, DeviceArray target) {
  /** Elements converted through the host at a time. */
  private static final int CHUNK = 1 << 20;

  /** Checks a call of {@code convert} on {@code caller}. */
  public static DeviceConversion of(Rectifier caller, DeviceArray source, DeviceArray target) {
    DeviceRequest.requireMadeBy(caller, source, "source");
    DeviceRequest.requireMadeBy(caller, target, "target");
    if (source.precision().sixteenBit() == target.precision().sixteenBit()
        || (!source.precision().sixteenBit() && source.precision() != Precision.FLOAT)
        || (!target.precision().sixteenBit() && target.precision() != Precision.FLOAT)) {
      throw new IllegalArgumentException(
          "convert takes a float and a half or bfloat16 DeviceArray, was "
              + Names.cType(source.precision())
              + " to "
              + Names.cType(target.precision()));
    }
    if (target.length() != source.length()) {
      throw new IllegalArgumentException(
          "target.length " + target.length() + " differs from source.length " + source.length());
    }
    MemoryChecks.requireAllowed(source, "source", Footprint.Use.OP_READ);
    MemoryChecks.requireAllowed(target, "target", Footprint.Use.OP_WRITE);
    return new DeviceConversion(source, target);
  }

  /** The 16-bit precision of the two. */
  public Precision format() {
    return source.precision().sixteenBit() ? source.precision() : target.precision();
  }

  /** Runs the conversion; only while the arrays are held ({@code DeviceArray.using}). */
  public void run() {
    DeviceArrayAccess access = DeviceArrayAccess.get();
    Backend owner = access.owner(source);
    DeviceMemory from = access.memory(source);
    DeviceMemory to = access.memory(target);
    if (source.length() == 0
        || (owner == access.owner(target) && owner.convert(from, to, format()))) {
      return;
    }
    Format16 format = Format16.of(format());
    boolean rounding = !source.precision().sixteenBit();
    int n = source.length();
    float[] floats = new float[Math.min(CHUNK, n)];
    short[] bits = new short[floats.length];
    for (int start = 0; start < n; start += CHUNK) {
      int k = Math.min(CHUNK, n - start);
      if (rounding) {
        from.read(start, new HostRange(Precision.FLOAT, floats, 0, k));
        format.round(floats, 0, bits, 0, k);
        to.write(new HostRange(format(), bits, 0, k), start);
      } else {
        from.read(start, new HostRange(format(), bits, 0, k));
        format.widen(bits, 0, floats, 0, k);
        to.write(new HostRange(Precision.FLOAT, floats, 0, k), start);
      }
    }
  }
}
