package dev.rectifier.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import dev.rectifier.CreateProbe;
import dev.rectifier.DeviceType;
import dev.rectifier.OpenClRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the verdict cached for this machine's OpenCL drivers says the CPU backend wins, create()
 * loads no OpenCL library at all (no LLVM to replace the JVM's signal handlers): a child JVM's
 * {@code /proc/self/maps} has no libOpenCL, libpocl or JOCL after it. Without that verdict it does,
 * which shows that the check can fail.
 */
class NoDriverLoadTest {

  private static ChildJvm create(Path cache) throws Exception {
    // A heap that allows every length, as this JVM's does, so that the key is the same.
    return ChildJvm.run(
        CreateProbe.class,
        CreateProbe.defaultsWithCacheIn(cache),
        Duration.ofSeconds(60),
        List.of("-Xmx2g"));
  }

  @Test
  void aCachedCpuVerdictLoadsNoOpenClLibrary(@TempDir Path cache) throws Exception {
    OpenClRequirement.devices();
    String identity = VerdictKey.identity("");
    Path file = cache.resolve(VerdictKey.cacheFile(identity).getFileName());
    VerdictFile.write(
        file,
        identity,
        new Verdict(
            CalibrationRule.NEVER,
            "a CPU device (CPU, some driver)",
            DeviceType.CPU,
            Instant.parse("2026-11-26T10:00:00Z"),
            800,
            List.of()));

    ChildJvm child = create(cache);

    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(child.out().contains("describe=CPU: Java"), child.transcript());
    assertTrue(
        child
            .out()
            .contains(
                "reason=the best OpenCL device, a CPU device (CPU, some driver), never beat the CPU"
                    + " backend by 1.2x on Java arrays (calibrated 2026-11-26T10:00:00Z)"),
        child.transcript());
    assertTrue(child.out().contains("openClLoaded=[]"), child.transcript());
  }

  @Test
  void withoutACachedVerdictOpenClIsLoaded(@TempDir Path cache) throws Exception {
    OpenClRequirement.devices();
    ChildJvm child = create(cache);

    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(
        child.out().contains("openClLoaded=[") && child.out().contains("libOpenCL"),
        child.transcript());
    try (var files = Files.list(cache)) {
      assertTrue(
          files.anyMatch(f -> f.getFileName().toString().startsWith("crossover-")),
          "the calibration was cached: " + child.transcript());
    }
  }
}
