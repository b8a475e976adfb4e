package dev.rectifier.opencl;

import dev.rectifier.RectifierException;
import dev.rectifier.opencl.jocl.Jocl;
import java.util.function.Supplier;

/** Turns an OpenCL error into a {@link RectifierException} that says what failed, and where. */
final class Guard {
  private Guard() {}

  /**
   * Runs {@code work}; a {@link Jocl.Failure} becomes "{what} on OpenCL device {device} failed".
   */
  static <T> T guarded(String what, String device, Supplier<T> work) {
    try {
      return work.get();
    } catch (Jocl.Failure e) {
      throw new RectifierException(
          what + " on OpenCL device " + device + " failed: " + e.getMessage(), e);
    }
  }

  /** As {@link #guarded(String, String, Supplier)}, for work without a result. */
  static void guarded(String what, String device, Runnable work) {
    guarded(
        what,
        device,
        () -> {
          work.run();
          return null;
        });
  }
}
