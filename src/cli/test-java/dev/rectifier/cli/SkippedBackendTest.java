package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} on a machine without OpenCL (an empty vendors folder, in a child JVM): it skips
 * OpenCL and says so, except under continuous integration ({@code CI=true}), where the skip is a
 * failure, so that CI's run of the README's command proves that every default backend runs.
 */
class SkippedBackendTest {
  private static final String[] BENCH = {
    "bench", "--sizes", "1K", "--ops", "relu", "--warmup", "1", "--warmup-ms", "1", "--repeats", "1"
  };

  @Test
  void withoutOpenClTheBenchSkipsItAndSaysSo(@TempDir Path emptyVendors) throws Exception {
    ChildJvm child = bench(emptyVendors, null);

    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(child.err().contains("rectifier bench: skipping opencl: "), child.transcript());
    assertTrue(child.out().contains("cpu"), child.transcript());
  }

  @Test
  void underCiASkippedBackendIsAFailure(@TempDir Path emptyVendors) throws Exception {
    ChildJvm child = bench(emptyVendors, "true");

    assertEquals(1, child.exitCode(), child.transcript());
    assertTrue(
        child
            .err()
            .startsWith("rectifier bench: cannot run opencl (CI=true: no backend is skipped): "),
        child.transcript());
    assertEquals(1, child.err().strip().lines().count(), "one line: " + child.transcript());
    assertFalse(child.err().contains("Exception"), child.transcript());
  }

  private static ChildJvm bench(Path emptyVendors, String ci) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OCL_ICD_VENDORS", emptyVendors.toString());
    env.put("CI", ci);
    env.put("RECTIFIER_BACKEND", null);
    env.put("RECTIFIER_DEVICE", null);
    return ChildJvm.run(RectifierCommand.class, env, Duration.ofSeconds(120), List.of(), BENCH);
  }
}
