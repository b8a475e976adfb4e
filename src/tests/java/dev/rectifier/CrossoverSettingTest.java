package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crossover set by hand that is no count of elements is rejected by create() on every machine,
 * here one whose OpenCL loader finds no driver, where no device is ever opened.
 */
class CrossoverSettingTest {

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "lots", "1.5K", "0M"})
  void createRejectsItWithoutOpenCl(String crossover, @TempDir Path emptyVendors) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OCL_ICD_VENDORS", emptyVendors.toString());
    env.put("RECTIFIER_BACKEND", null);
    env.put("RECTIFIER_DEVICE", null);
    env.put("RECTIFIER_CROSSOVER", crossover);
    ChildJvm child = ChildJvm.run(CreateProbe.class, env);

    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(
        child
            .out()
            .contains(
                "threw=java.lang.IllegalArgumentException: rectifier.crossover (or"
                    + " RECTIFIER_CROSSOVER) must be"),
        child.transcript());
    assertTrue(child.out().contains("'" + crossover + "'"), child.transcript());
  }
}
