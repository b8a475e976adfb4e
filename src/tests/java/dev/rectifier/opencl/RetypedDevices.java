package dev.rectifier.opencl;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;

/** A device described as another kind, to build the kernels as they would be built for it. */
final class RetypedDevices {
  private RetypedDevices() {}

  /** {@code d} with every field kept but its type, which is {@code type}. */
  static DeviceInfo retyped(DeviceInfo d, DeviceType type) {
    return new DeviceInfo(
        d.index(),
        d.platform(),
        d.name(),
        type,
        d.vendor(),
        d.driverVersion(),
        d.openClVersion(),
        d.computeUnits(),
        d.globalMemoryBytes(),
        d.maxAllocationBytes(),
        d.fp64(),
        d.floatDenormals(),
        d.doubleDenormals());
  }
}
