package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import dev.rectifier.OpenClRequirement;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver error during discovery (a child JVM whose device info queries throw {@code CLException})
 * is a reason to fall back, not an exception out of create(): auto runs on the CPU backend and says
 * why; openCl() throws OpenClUnavailableException with the driver's error.
 */
class DiscoveryFaultTest {

  @Test
  void aDriverErrorDuringDiscoveryFallsBackToCpu(@TempDir Path cache) throws Exception {
    String platform = OpenClRequirement.devices().get(0).platform();
    Map<String, String> env = new HashMap<>();
    env.put("RECTIFIER_BACKEND", null);
    env.put("RECTIFIER_DEVICE", null);
    // An empty cache: a cached verdict for these drivers would spare create() the discovery.
    env.put("RECTIFIER_CACHE_DIR", cache.toString());
    ChildJvm child = ChildJvm.run(DiscoveryFaultProbe.class, env);
    String out = child.out();

    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(out.contains("describe=CPU: Java"), child.transcript());
    String why =
        "no OpenCL device found on 1 platform(s); the OpenCL platform "
            + platform
            + " failed: clGetDeviceInfo failed: CL_OUT_OF_HOST_MEMORY";
    assertTrue(out.contains("reason=" + why), child.transcript());
    assertTrue(out.contains("y=[0.0, 2.0, NaN]"), child.transcript());
    assertTrue(out.contains("openCl=" + why), child.transcript());
    assertTrue(
        child.err().contains("WARNING: rectifier: the OpenCL platform " + platform + " failed"),
        "the platform left out is logged: " + child.transcript());
  }
}
