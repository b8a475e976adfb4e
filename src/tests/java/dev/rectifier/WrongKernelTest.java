package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel source that builds but computes wrong (a child JVM with {@code RECTIFIER_KERNEL_SOURCE}
 * naming it): relu written with {@code fmax}, which drops NaN. openCl() refuses the device and says
 * what was wrong; create() with auto choice falls back to the CPU backend with that reason.
 */
class WrongKernelTest {

  @Test
  void openClRefusesAKernelThatComputesWrongAndCreateFallsBackToCpu(@TempDir Path dir)
      throws Exception {
    String device = OpenClRequirement.devices().get(0).name();
    String source;
    try (InputStream in = WrongKernelTest.class.getResourceAsStream("/kernels/activations.cl")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String right = "#define RELU(v) ((v) > (REAL)0 ? (v) : (isnan(v) ? (v) : (REAL)0))";
    assertTrue(source.contains(right), "the bundled source defines RELU as expected");
    Path wrong =
        Files.writeString(
            dir.resolve("wrong.cl"), source.replace(right, "#define RELU(v) fmax((v), (REAL)0)"));
    ChildJvm child =
        ChildJvm.run(
            BrokenKernelProbe.class,
            Map.of(
                "RECTIFIER_KERNEL_SOURCE",
                wrong.toString(),
                "RECTIFIER_CACHE_DIR",
                dir.resolve("cache").toString(),
                "RECTIFIER_BACKEND",
                "auto",
                "RECTIFIER_DEVICE",
                "0"));
    String out = child.out();

    assertEquals(0, child.exitCode(), child.transcript());
    String refused =
        "the kernels of " + wrong + " compute RELU wrong for float on " + device + ": x = NaN";
    assertTrue(out.contains("openCl=" + refused), child.transcript());
    assertTrue(out.contains("expected NaN (0x7fc00000), got 0.0 (0x00000000)"), child.transcript());
    assertTrue(out.contains("describe=CPU: Java"), child.transcript());
    assertTrue(out.contains("reason=" + refused), child.transcript());
    assertTrue(out.contains("; using the CPU backend"), child.transcript());
    assertTrue(out.contains("y=[-0.5, 2.0, NaN]"), child.transcript());
    assertTrue(
        child.err().contains("WARNING: rectifier: CPU: Java"), "logged: " + child.transcript());
    try (var cached = Files.list(dir.resolve("cache"))) {
      assertEquals(0, cached.filter(f -> f.toString().endsWith(".bin")).count(), "nothing cached");
    }
  }
}
