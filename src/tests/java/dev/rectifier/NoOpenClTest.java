package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine whose OpenCL loader finds no driver (a child JVM with {@code OCL_ICD_VENDORS} set to an
 * empty folder): create() works on the CPU backend and logs why; openCl() throws clearly.
 */
class NoOpenClTest {

  @Test
  void createFallsBackToCpuAndOpenClThrows(@TempDir Path emptyVendors) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OCL_ICD_VENDORS", emptyVendors.toString());
    env.put("RECTIFIER_BACKEND", null);
    env.put("RECTIFIER_DEVICE", null);
    ChildJvm child = ChildJvm.run(NoOpenClProbe.class, env);
    String out = child.out();

    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(out.contains("describe=CPU: Java"), child.transcript());
    assertTrue(out.contains("reason=no OpenCL"), child.transcript());
    assertTrue(out.contains("; using the CPU backend"), child.transcript());
    assertTrue(out.contains("y=[0.0, 2.0, NaN]"), child.transcript());
    assertTrue(out.contains("openCl=no OpenCL"), child.transcript());
    assertTrue(child.err().contains("rectifier: CPU: Java"), "logged: " + child.transcript());
    assertFalse(child.err().contains("Exception"), "nothing crashes: " + child.transcript());
  }
}
