package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel source that does not build (a child JVM with {@code RECTIFIER_KERNEL_SOURCE} set):
 * openCl() throws with the device's build log; create() with auto choice and a named device logs a
 * warning and falls back to the CPU backend.
 */
class BrokenKernelTest {

  @Test
  void openClThrowsWithTheBuildLogAndCreateFallsBackToCpu(@TempDir Path dir) throws Exception {
    String device = OpenClRequirement.devices().get(0).name();
    Path broken = Files.writeString(dir.resolve("broken.cl"), "__kernel void relu( {}\n");
    ChildJvm child =
        ChildJvm.run(
            BrokenKernelProbe.class,
            Map.of(
                "RECTIFIER_KERNEL_SOURCE", broken.toString(),
                "RECTIFIER_BACKEND", "auto",
                "RECTIFIER_DEVICE", "0"));
    String out = child.out();

    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(
        out.contains("openCl=building " + broken + " for float on " + device + " failed ("),
        child.transcript());
    String log = out.substring(out.indexOf("build log:\n"), out.indexOf("\ndescribe="));
    assertTrue(log.contains("error"), "the build log says what is wrong: " + child.transcript());
    assertTrue(out.contains("describe=CPU: Java"), child.transcript());
    assertTrue(out.contains("reason=building " + broken), child.transcript());
    assertTrue(out.contains("; using the CPU backend"), child.transcript());
    assertTrue(out.contains("y=[-0.5, 2.0, NaN]"), child.transcript());
    assertTrue(
        child.err().contains("WARNING: rectifier: CPU: Java"), "logged: " + child.transcript());
  }
}
