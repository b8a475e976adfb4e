package dev.rectifier.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The names users set rectifier by, which docs/backends.md, docs/reliability.md and the scripts
 * spell out.
 */
class SettingTest {

  @AfterEach
  void clearProperty() {
    System.clearProperty(Setting.CROSSOVER.property());
  }

  @Test
  void eachSettingHasItsDocumentedPropertyAndVariable() {
    assertEquals(
        List.of(
            "rectifier.backend RECTIFIER_BACKEND",
            "rectifier.device RECTIFIER_DEVICE",
            "rectifier.crossover RECTIFIER_CROSSOVER",
            "rectifier.recalibrate RECTIFIER_RECALIBRATE",
            "rectifier.kernelSource RECTIFIER_KERNEL_SOURCE",
            "rectifier.cacheDir RECTIFIER_CACHE_DIR",
            "rectifier.binaryCache RECTIFIER_BINARY_CACHE"),
        Arrays.stream(Setting.values()).map(s -> s.property() + " " + s.variable()).toList());
  }

  @Test
  void theValueIsThePropertyTrimmed() {
    System.setProperty(Setting.CROSSOVER.property(), "  4096 ");
    assertEquals("4096", Setting.CROSSOVER.value());
  }
}
