package dev.rectifier;

/**
 * What rectifier knows of one OpenCL device.
 *
 * @param index the device's position in {@link Rectifier#devices()}, across all platforms; what
 *     {@code rectifier.device} takes as a number
 * @param platform the platform name, e.g. {@code Portable Computing Language}
 * @param name the device name
 * @param type the device kind
 * @param vendor the device vendor
 * @param driverVersion the driver version ({@code CL_DRIVER_VERSION})
 * @param openClVersion the OpenCL version the device supports ({@code CL_DEVICE_VERSION})
 * @param computeUnits {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 * @param globalMemoryBytes {@code CL_DEVICE_GLOBAL_MEM_SIZE}
 * @param maxAllocationBytes {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}, the largest single buffer
 * @param fp64 whether the device has {@code cl_khr_fp64}, so double ops run on it
 * @param floatDenormals whether {@code CL_DEVICE_SINGLE_FP_CONFIG} has {@code CL_FP_DENORM}; if
 *     not, the device may flush float subnormals to zero
 * @param doubleDenormals whether {@code CL_DEVICE_DOUBLE_FP_CONFIG} has {@code CL_FP_DENORM}
 */
public record DeviceInfo(
    int index,
    String platform,
    String name,
    DeviceType type,
    String vendor,
    String driverVersion,
    String openClVersion,
    int computeUnits,
    long globalMemoryBytes,
    long maxAllocationBytes,
    boolean fp64,
    boolean floatDenormals,
    boolean doubleDenormals) {

  /** A one-line description, e.g. {@code pthread-AMD EPYC 7B13 (CPU, Portable Computing ...)}. */
  public String describe() {
    return name + " (" + type + ", " + platform + " " + driverVersion + ")";
  }
}
