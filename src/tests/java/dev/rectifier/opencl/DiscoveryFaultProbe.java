package dev.rectifier.opencl;

import static org.jocl.CL.CL_OUT_OF_HOST_MEMORY;

import dev.rectifier.NoOpenClProbe;
import org.jocl.CLException;

/**
 * Run in a child JVM by {@link DiscoveryFaultTest}: every device info query of discovery fails as a
 * driver error would, then create() and openCl() report what they make of it, as {@link
 * NoOpenClProbe} prints it.
 */
public final class DiscoveryFaultProbe {
  private DiscoveryFaultProbe() {}

  public static void main(String[] args) {
    OpenClRuntime.describer =
        (index, platform, id) -> {
          throw new CLException(
              "clGetDeviceInfo failed: CL_OUT_OF_HOST_MEMORY", CL_OUT_OF_HOST_MEMORY);
        };
    NoOpenClProbe.main(args);
  }
}
