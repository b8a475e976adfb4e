package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import dev.rectifier.OpenClRequirement;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warning for OpenCL drivers that replace the JVM's signal handlers, and its remedy. */
class SignalChainingTest {
  private static final String WARNING = "replaces the JVM's signal handlers";

  private static boolean llvmPlatformPresent() {
    return OpenClRequirement.devices().stream()
        .anyMatch(d -> SignalChaining.replacesJvmHandlers(d.platform()));
  }

  @Test
  void knowsTheLlvmBasedPlatforms() {
    assertTrue(SignalChaining.replacesJvmHandlers("Portable Computing Language"));
    assertTrue(SignalChaining.replacesJvmHandlers("rusticl"));
    assertFalse(SignalChaining.replacesJvmHandlers("NVIDIA CUDA"));
  }

  @Test
  void theTestJvmHasLibjsigPreloaded() {
    assertEquals(true, SignalChaining.libjsigLoaded().orElse(true), "surefire sets LD_PRELOAD");
  }

  @Test
  void warnsWithTheRemedyWithoutLibjsig() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("LD_PRELOAD", null);
    ChildJvm child = ChildJvm.run(DiscoveryProbe.class, env);
    assertEquals(0, child.exitCode(), child.transcript());
    assertEquals(llvmPlatformPresent(), child.err().contains(WARNING), child.transcript());
    if (llvmPlatformPresent()) {
      assertTrue(
          child.err().contains("LD_PRELOAD=" + System.getProperty("java.home")),
          child.transcript());
    }
  }

  @Test
  void isQuietWithLibjsig() throws Exception {
    ChildJvm child = ChildJvm.run(DiscoveryProbe.class, Collections.emptyMap());
    assertEquals(0, child.exitCode(), child.transcript());
    assertFalse(child.err().contains(WARNING), child.transcript());
  }
}
