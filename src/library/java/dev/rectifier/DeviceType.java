package dev.rectifier;

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
}
