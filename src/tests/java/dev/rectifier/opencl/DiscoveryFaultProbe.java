package dev.rectifier.opencl;

import static org.jocl.CL.CL_OUT_OF_HOST_MEMORY;

import dev.rectifier.Rectifier;
import dev.rectifier.RectifierException;
import java.util.Arrays;
import org.jocl.CLException;

/**
 * Run in a child JVM by {@link DiscoveryFaultTest}: every device info query of discovery fails as a
 * driver error would, then create() and openCl() report what they make of it.
 */
public final class DiscoveryFaultProbe {
  private DiscoveryFaultProbe() {}

  public static void main(String[] args) {
    OpenClRuntime.describer =
        (index, platform, id) -> {
          throw new CLException(
              "clGetDeviceInfo failed: CL_OUT_OF_HOST_MEMORY", CL_OUT_OF_HOST_MEMORY);
        };
    try (Rectifier r = Rectifier.create()) {
      float[] y = new float[3];
      r.relu(new float[] {-1, 2, Float.NaN}, y);
      System.out.println("describe=" + r.describe());
      System.out.println("reason=" + r.reason());
      System.out.println("y=" + Arrays.toString(y));
    }
    try (Rectifier r = Rectifier.openCl()) {
      System.out.println("openCl=opened " + r.describe());
    } catch (RectifierException e) {
      System.out.println("openCl=" + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
