package dev.rectifier;

import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.Request;
import java.util.Objects;

/**
 * One op on {@link DeviceArray}s, checked when made: the arrays are open, live on one backend and
 * share a precision and a length, {@code dy} is given exactly for gradients, and alpha is finite.
 * For float arrays, alpha is narrowed to float here, once, and must be finite as a float.
 *
 * @param alpha the slope, a float value for float arrays
 */
record DeviceRequest(Op op, DeviceArray x, DeviceArray dy, DeviceArray out, double alpha) {

  DeviceRequest {
    Objects.requireNonNull(op, "op must not be null");
    String outName = op.outputName();
    requireOpen(x, "x");
    requireOpen(out, outName);
    requireSameShape(x, out, outName);
    if (op.isGradient()) {
      requireOpen(dy, "dy");
      requireSameShape(x, dy, "dy");
    }
    Request.checkDyAndAlpha(op, dy != null, alpha);
    if (x.precision() == Precision.FLOAT) {
      float narrowed = (float) alpha;
      if (op.takesAlpha() && !Float.isFinite(narrowed)) {
        throw new IllegalArgumentException(
            "alpha must be finite as a float for float arrays, was " + alpha);
      }
      alpha = narrowed;
    }
  }

  /** The backend all the arrays live on. */
  Backend backend() {
    return x.owner();
  }

  /** The memory of {@code dy}, or null. */
  DeviceMemory dyMemory() {
    return dy == null ? null : dy.memory();
  }

  private static void requireOpen(DeviceArray array, String name) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    array.memory(); // throws if closed
  }

  /** Checks that {@code other} matches {@code x} in backend, precision and length. */
  static void requireSameShape(DeviceArray x, DeviceArray other, String otherName) {
    if (other.owner() != x.owner()) {
      throw new IllegalArgumentException(
          otherName
              + " lives on "
              + other.owner().describe()
              + " but x on "
              + x.owner().describe());
    }
    if (other.precision() != x.precision()) {
      throw new IllegalArgumentException(
          otherName
              + " holds "
              + other.precision().cType()
              + " but x holds "
              + x.precision().cType());
    }
    Request.requireSameLength(x.length(), other.length(), otherName);
  }
}
