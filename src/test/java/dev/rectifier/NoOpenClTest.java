package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine whose OpenCL loader finds no driver (a child JVM with {@code OCL_ICD_VENDORS} set to an
 * empty folder): create() works on the CPU backend and logs why; openCl() throws clearly.
 */
class NoOpenClTest {

  @Test
  void createFallsBackToCpuAndOpenClThrows(@TempDir Path emptyVendors) throws Exception {
    Path out = emptyVendors.resolveSibling(emptyVendors.getFileName() + ".out");
    Path err = emptyVendors.resolveSibling(emptyVendors.getFileName() + ".err");
    ProcessBuilder child =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            NoOpenClProbe.class.getName());
    child.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
    child.environment().remove("RECTIFIER_BACKEND");
    child.environment().remove("RECTIFIER_DEVICE");
    child.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = child.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    String stdout = read(out);
    String stderr = read(err);

    assertEquals(0, process.exitValue(), stdout + stderr);
    assertTrue(stdout.contains("describe=CPU: Java"), stdout);
    assertTrue(stdout.contains("reason=no OpenCL"), stdout);
    assertTrue(stdout.contains("; using the CPU backend"), stdout);
    assertTrue(stdout.contains("y=[0.0, 2.0, NaN]"), stdout);
    assertTrue(stdout.contains("openCl=no OpenCL"), stdout);
    assertTrue(stderr.contains("rectifier: CPU: Java"), "the choice is logged: " + stderr);
    assertTrue(!stderr.contains("Exception"), "nothing crashes: " + stderr);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
