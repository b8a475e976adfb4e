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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bad {@code rectifier.backend} / {@code RECTIFIER_BACKEND} (or another setting the auto choice
 * reads) is a usage error, one line and exit 2, from every subcommand that opens {@code auto}.
 */
class BadSettingTest {
  private static final String QUICK = "--sizes 3 --repeats 1 --warmup 0 --warmup-ms 0";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "devices",
        "verify",
        "verify --backend auto --precision float",
        "bench --backends auto " + QUICK,
        "bench --backends cpu,auto " + QUICK
      })
  void aBadBackendPropertyIsAOneLineUsageError(String command) {
    CliRun run = withProperty("rectifier.backend", "gpu", command);
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("rectifier.backend"), run.transcript());
    assertTrue(run.err().contains("'gpu'"), run.transcript());
    if (!command.equals("devices")) {
      assertEquals("", run.out(), "nothing ran: " + run.transcript());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"devices", "verify --precision float", "bench --backends auto " + QUICK})
  void aBadCrossoverIsAOneLineUsageErrorWhereAutoCalibrates(String command) {
    if (!BenchCommandTest.openClAvailable()) {
      return; // without a device auto never reads the crossover
    }
    CliRun run = withProperty("rectifier.crossover", "lots", command);
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("rectifier.crossover"), run.transcript());
  }

  @Test
  void aBadBackendVariableIsAOneLineUsageError(@TempDir Path emptyVendors) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OCL_ICD_VENDORS", emptyVendors.toString()); // no driver: nothing for PoCL to break
    env.put("RECTIFIER_BACKEND", "gpu");
    env.put("RECTIFIER_DEVICE", null);
    for (String command : List.of("devices", "verify")) {
      ChildJvm child =
          ChildJvm.run(RectifierCommand.class, env, Duration.ofSeconds(60), List.of(), command);
      assertEquals(2, child.exitCode(), child.transcript());
      assertEquals(1, child.err().lines().count(), child.transcript());
      assertTrue(child.err().contains("RECTIFIER_BACKEND"), child.transcript());
      assertFalse(child.err().contains("\tat "), child.transcript());
    }
  }

  private static CliRun withProperty(String property, String value, String command) {
    String before = System.getProperty(property);
    System.setProperty(property, value);
    try {
      return CliRun.of(command.split(" "));
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }
}
