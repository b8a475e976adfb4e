package dev.rectifier.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The names users set rectifier by, which docs/backends.md, docs/reliability.md and the scripts
 * spell out.
 */
class SettingTest {

  @AfterEach
  void clearProperty() {
    System.clearProperty(Setting.CROSSOVER.property());
    System.clearProperty(Setting.BINARY_CACHE.property());
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
  void aFlagIsTrueOrFalseInAnyCaseAndItsDefaultWhenUnset() {
    assertTrue(Setting.BINARY_CACHE.flag(true));
    assertFalse(Setting.BINARY_CACHE.flag(false));
    for (String value : List.of("true", "TRUE", " True ")) {
      System.setProperty(Setting.BINARY_CACHE.property(), value);
      assertTrue(Setting.BINARY_CACHE.flag(false), value);
    }
    for (String value : List.of("false", "FALSE", "False")) {
      System.setProperty(Setting.BINARY_CACHE.property(), value);
      assertFalse(Setting.BINARY_CACHE.flag(true), value);
    }
  }

  /** Words that mean off (or on) elsewhere are refused, never read as the default. */
  @ParameterizedTest
  @ValueSource(strings = {"off", "0", "no", "on", "1", "yes", "disabled", "perhaps"})
  void aFlagRefusesEverythingElseNamingTheSetting(String junk) {
    System.setProperty(Setting.BINARY_CACHE.property(), junk);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Setting.BINARY_CACHE.flag(true));
    assertEquals(
        "rectifier.binaryCache (or RECTIFIER_BINARY_CACHE) must be true or false, was '"
            + junk
            + "'",
        e.getMessage());
  }

  @Test
  void theValueIsThePropertyTrimmed() {
    System.setProperty(Setting.CROSSOVER.property(), "  4096 ");
    assertEquals("4096", Setting.CROSSOVER.value());
  }
}
