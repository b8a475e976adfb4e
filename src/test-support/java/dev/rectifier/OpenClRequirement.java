package dev.rectifier;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rectifier.opencl.OpenClRuntime;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this test run must have OpenCL: with {@code CI=true} or {@code
 * -Drectifier.requireOpenCl=true} a missing device fails the OpenCL tests; otherwise it skips them,
 * with the reason.
 */
public final class OpenClRequirement {
  private OpenClRequirement() {}

  public static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("CI"))
        || Boolean.getBoolean("rectifier.requireOpenCl");
  }

  /**
   * The OpenCL devices; fails or skips (per {@link #required()}) when there are none. Where OpenCL
   * is required, each device must also report fp64 ({@code cl_khr_fp64}): without it double runs on
   * the CPU backend, and the DOUBLE cases of the OpenCL-vs-CPU tests would compare the CPU backend
   * with itself.
   */
  public static List<DeviceInfo> devices() {
    try {
      List<DeviceInfo> devices = OpenClRuntime.devices();
      if (required()) {
        for (DeviceInfo d : devices) {
          if (!d.fp64()) {
            fail(
                "OpenCL device "
                    + d.describe()
                    + " reports no cl_khr_fp64: its DOUBLE cases would run on the CPU backend"
                    + " (OpenCL is required: CI=true or -Drectifier.requireOpenCl=true)");
          }
        }
      }
      return devices;
    } catch (OpenClUnavailableException e) {
      String why = "no OpenCL device: " + e.getMessage();
      if (required()) {
        fail(why + " (OpenCL is required: CI=true or -Drectifier.requireOpenCl=true)");
      }
      Assumptions.abort(why + "; install one (scripts/test does) to run the OpenCL tests");
      throw new AssertionError("unreachable");
    }
  }
}
