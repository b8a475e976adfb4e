package dev.rectifier.calls;

import dev.rectifier.DeviceArray;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.Footprint;
import dev.rectifier.backend.Names;
import dev.rectifier.backend.Request;
import java.util.Objects;

/**
 * One op on {@link DeviceArray}s, checked when made: the arrays were made by the calling Rectifier
 * and share a precision and a length, {@code dy} is given exactly for gradients, alpha is finite,
 * the output shares memory with an input only in place, and the flags of wrapped buffers allow the
 * op ({@link MemoryChecks}). (That they are open is checked when the call holds them: {@code
 * DeviceArray.using}.) For float arrays, alpha is narrowed to float here, once, and must be finite
 * as a float.
 *
 * @param alpha the slope, a float value for float arrays
 */
public record DeviceRequest(Op op, DeviceArray x, DeviceArray dy, DeviceArray out, double alpha) {

  /**
   * Checks the arguments of a device-array call on {@code caller}, in this order: nulls and arrays
   * another Rectifier made (naming the argument), then shapes, then dy and alpha.
   */
  public DeviceRequest(
      Rectifier caller, Op op, DeviceArray x, DeviceArray dy, DeviceArray out, double alpha) {
    this(checked(caller, op, x, dy, out), x, dy, out, alpha);
  }

  public DeviceRequest {
    String outName = Names.output(op);
    requireSameShape(x, out, outName, "x");
    if (op.isGradient()) {
      requireSameShape(x, dy, "dy", "x");
    }
    Request.checkDyAndAlpha(op, dy != null, alpha);
    if (x.precision() != Precision.DOUBLE) {
      float narrowed = (float) alpha;
      if (op.takesAlpha() && !Float.isFinite(narrowed)) {
        throw new IllegalArgumentException(
            "alpha must be finite as a float for "
                + Names.cType(x.precision())
                + " arrays, was "
                + alpha);
      }
      alpha = narrowed;
    }
    MemoryChecks.requireAllowed(x, "x", Footprint.Use.OP_READ);
    MemoryChecks.requireAllowed(dy, "dy", Footprint.Use.OP_READ);
    MemoryChecks.requireAllowed(out, outName, Footprint.Use.OP_WRITE);
    MemoryChecks.requireSameOrApart(out, outName, x, "x");
    MemoryChecks.requireSameOrApart(out, outName, dy, "dy");
  }

  /** The backend all the arrays live on. */
  public Backend backend() {
    return DeviceArrayAccess.get().owner(x);
  }

  /** The memory of {@code dy}, or null. */
  public DeviceMemory dyMemory() {
    return dy == null ? null : DeviceArrayAccess.get().memory(dy);
  }

  /** The op, once every array given is known to be non-null and made by {@code caller}. */
  private static Op checked(
      Rectifier caller, Op op, DeviceArray x, DeviceArray dy, DeviceArray out) {
    Objects.requireNonNull(op, "op must not be null");
    requireMadeBy(caller, x, "x");
    if (op.isGradient() || dy != null) {
      requireMadeBy(caller, dy, "dy");
    }
    requireMadeBy(caller, out, Names.output(op));
    return op;
  }

  /**
   * Checks that {@code array} is not null and was made by {@code caller}.
   *
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException if another Rectifier made it
   */
  public static void requireMadeBy(Rectifier caller, DeviceArray array, String name) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (!DeviceArrayAccess.get().madeBy(array, caller)) {
      throw new IllegalArgumentException(
          name
              + " was made by another Rectifier ("
              + array
              + "); device arrays work only with the Rectifier that made them");
    }
  }

  /**
   * Checks that {@code other} matches {@code x} in precision and length. Both were made by one
   * Rectifier, which puts the arrays of one precision on one backend.
   */
  public static void requireSameShape(
      DeviceArray x, DeviceArray other, String otherName, String xName) {
    if (other.precision() != x.precision()) {
      throw new IllegalArgumentException(
          otherName
              + " holds "
              + Names.cType(other.precision())
              + " but "
              + xName
              + " holds "
              + Names.cType(x.precision()));
    }
    if (other.length() != x.length()) {
      throw new IllegalArgumentException(
          otherName
              + ".length "
              + other.length()
              + " differs from "
              + xName
              + ".length "
              + x.length());
    }
  }
}
