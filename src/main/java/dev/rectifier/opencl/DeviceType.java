package dev.rectifier.opencl;

import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;

/** The kind of an OpenCL device, in the order rectifier prefers them (best first). */
public enum DeviceType {
  /** A graphics processor. */
  GPU,
  /** A dedicated accelerator. */
  ACCELERATOR,
  /** A host CPU exposed through OpenCL (PoCL, for example). */
  CPU,
  /** Anything else ({@code CL_DEVICE_TYPE_CUSTOM}). */
  OTHER;

  /** Whether auto choice picks this kind over the Java CPU backend. */
  public boolean isAccelerator() {
    return this == GPU || this == ACCELERATOR;
  }

  static DeviceType of(long clDeviceType) {
    if ((clDeviceType & CL_DEVICE_TYPE_GPU) != 0) {
      return GPU;
    }
    if ((clDeviceType & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
      return ACCELERATOR;
    }
    if ((clDeviceType & CL_DEVICE_TYPE_CPU) != 0) {
      return CPU;
    }
    return OTHER;
  }
}
