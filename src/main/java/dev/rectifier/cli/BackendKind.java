package dev.rectifier.cli;

import dev.rectifier.Rectifier;

/** The backends {@code rectifier bench} compares, CPU first: it is the baseline. */
enum BackendKind {
  /** {@link Rectifier#cpu()}. */
  CPU,
  /** {@link Rectifier#openCl()}: the device {@code rectifier.device} names, else the best one. */
  OPENCL;

  /**
   * A new {@link Rectifier} on this backend.
   *
   * @throws dev.rectifier.OpenClUnavailableException if this is OpenCL and there is none
   */
  Rectifier open() {
    return this == CPU ? Rectifier.cpu() : Rectifier.openCl();
  }
}
