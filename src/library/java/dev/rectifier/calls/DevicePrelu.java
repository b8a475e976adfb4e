package dev.rectifier.calls;

import dev.rectifier.DeviceArray;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.Footprint;
import dev.rectifier.backend.Names;
import dev.rectifier.backend.PreluMemories;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.PreluShape;

/**
 * A PReLU call on {@link DeviceArray}s, checked when made: every array given was made by the
 * calling Rectifier and holds the precision of {@code x} (the weights and their gradient float,
 * where {@code x} holds 16-bit elements), then the lengths, shape and aliasing of {@link
 * PreluRequest#check}, then the same rules for arrays that share memory, and the flags of wrapped
 * buffers ({@link MemoryChecks}). (That they are open is checked when the call holds them.) {@code
 * dy} and {@code dweight} are null for the forward op.
 */
public record DevicePrelu(
    DeviceArray x,
    DeviceArray dy,
    DeviceArray out,
    DeviceArray weight,
    DeviceArray dweight,
    PreluShape shape) {

  /** Checks a call of {@code prelu} ({@code gradient} false) or {@code preluGrad} on caller. */
  public static DevicePrelu of(
      Rectifier caller,
      boolean gradient,
      DeviceArray x,
      DeviceArray dy,
      DeviceArray out,
      DeviceArray weight,
      int inner,
      DeviceArray dweight) {
    String outName = gradient ? "dx" : "y";
    DeviceRequest.requireMadeBy(caller, x, "x");
    if (gradient) {
      DeviceRequest.requireMadeBy(caller, dy, "dy");
    }
    DeviceRequest.requireMadeBy(caller, out, outName);
    DeviceRequest.requireMadeBy(caller, weight, "weight");
    if (gradient) {
      DeviceRequest.requireMadeBy(caller, dweight, "dweight");
    }
    Precision weights = x.precision().sixteenBit() ? Precision.FLOAT : x.precision();
    DeviceArray[] arrays = {dy, out, weight, dweight};
    String[] names = {"dy", outName, "weight", "dweight"};
    for (int i = 0; i < arrays.length; i++) {
      DeviceArray a = arrays[i];
      if (a == null) {
        continue;
      }
      String name = names[i];
      Precision expected = i >= 2 ? weights : x.precision();
      if (a.precision() != expected) {
        throw new IllegalArgumentException(
            name
                + " holds "
                + Names.cType(a.precision())
                + " but "
                + (expected == x.precision()
                    ? "x holds " + Names.cType(x.precision())
                    : "the weights of " + Names.cType(x.precision()) + " elements are float"));
      }
      if (DeviceArrayAccess.get().owner(a) != DeviceArrayAccess.get().owner(x)) {
        // Only where x's precision runs on the CPU backend while float runs on the device.
        throw new IllegalArgumentException(
            name
                + " and x live on different backends ("
                + DeviceArrayAccess.get().owner(a).describe()
                + ", "
                + DeviceArrayAccess.get().owner(x).describe()
                + "): this device does not run "
                + Names.cType(x.precision())
                + " ops; run PReLU on Java arrays");
      }
    }
    PreluShape shape =
        PreluRequest.check(gradient, arg(x), arg(dy), arg(out), arg(weight), inner, arg(dweight));
    MemoryChecks.requireAllowed(x, "x", Footprint.Use.OP_READ);
    MemoryChecks.requireAllowed(dy, "dy", Footprint.Use.OP_READ);
    MemoryChecks.requireAllowed(weight, "weight", Footprint.Use.OP_READ);
    MemoryChecks.requireAllowed(out, outName, Footprint.Use.OP_WRITE);
    MemoryChecks.requireAllowed(dweight, "dweight", Footprint.Use.OP_WRITE);
    MemoryChecks.requireSameOrApart(out, outName, x, "x");
    MemoryChecks.requireSameOrApart(out, outName, dy, "dy");
    MemoryChecks.requireApart(out, outName, weight, "weight");
    if (gradient) {
      MemoryChecks.requireApart(dweight, "dweight", x, "x");
      MemoryChecks.requireApart(dweight, "dweight", dy, "dy");
      MemoryChecks.requireApart(dweight, "dweight", out, outName);
      MemoryChecks.requireApart(dweight, "dweight", weight, "weight");
    }
    return new DevicePrelu(x, dy, out, weight, dweight, shape);
  }

  private static PreluRequest.Array arg(DeviceArray a) {
    return new PreluRequest.Array(a, a == null ? 0 : a.length());
  }

  /** The backend all the arrays live on. */
  public Backend backend() {
    return DeviceArrayAccess.get().owner(x);
  }

  /** Runs the call on the backend; only while the arrays are held ({@code DeviceArray.using}). */
  public java.util.OptionalLong run(boolean timed) {
    return backend()
        .prelu(
            new PreluMemories(
                shape, memory(x), memory(dy), memory(out), memory(weight), memory(dweight)),
            timed);
  }

  private static DeviceMemory memory(DeviceArray a) {
    return a == null ? null : DeviceArrayAccess.get().memory(a);
  }
}
