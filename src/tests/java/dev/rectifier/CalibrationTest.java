package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rectifier.cpu.CpuBackend;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How calibration timings become a crossover, and the setting that overrides it. */
class CalibrationTest {
  private static final int[] LENGTHS = {10, 100, 1000, 10000};

  @AfterEach
  void clearSetting() {
    System.clearProperty("rectifier.crossover");
  }

  @Test
  void theDeviceMustWinFromTheCrossoverOn() {
    double[] cpu = {1, 10, 100, 1000};
    assertEquals(1000, Calibration.fromTimings(LENGTHS, cpu, new double[] {5, 50, 90, 900}));
    assertEquals(10, Calibration.fromTimings(LENGTHS, cpu, new double[] {0.5, 5, 50, 500}));
    // A win in the middle that turns into a loss at the longest length is no crossover.
    assertEquals(
        Calibration.NEVER, Calibration.fromTimings(LENGTHS, cpu, new double[] {5, 5, 50, 2000}));
    // A loss in the middle moves the crossover past it.
    assertEquals(1000, Calibration.fromTimings(LENGTHS, cpu, new double[] {0.5, 20, 50, 500}));
  }

  @Test
  void theSettingTakesTheSuffixesOfSizes() {
    assertEquals(OptionalInt.empty(), Calibration.fromSetting());
    for (String[] set :
        new String[][] {
          {"4096", "4096"},
          {"64K", "65536"},
          {"64k", "65536"},
          {"16M", "16777216"},
          {"2047M", Integer.toString(2047 << 20)},
          {"2147483647", "2147483647"}
        }) {
      System.setProperty("rectifier.crossover", set[0]);
      assertEquals(OptionalInt.of(Integer.parseInt(set[1])), Calibration.fromSetting(), set[0]);
    }
    System.setProperty("rectifier.crossover", "Never");
    assertEquals(OptionalInt.of(Calibration.NEVER), Calibration.fromSetting());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "0K", "-5", "-1M", "lots", "K", "1.5K", "1G", "1KB", "2048M", "99999999999"})
  void theSettingRejectsWhatIsNoPositiveCountNamingIt(String value) {
    System.setProperty("rectifier.crossover", value);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, Calibration::fromSetting);
    assertEquals(
        "rectifier.crossover (or RECTIFIER_CROSSOVER) must be a number of elements from 1 to"
            + " 2147483647, optionally with K (2^10) or M (2^20), or never, was '"
            + value
            + "'",
        e.getMessage());
  }

  @Test
  void theSettingWinsOverCalibration() {
    try (CpuBackend cpu = new CpuBackend()) {
      System.setProperty("rectifier.crossover", "12345");
      assertEquals(12345, Calibration.crossover(cpu, null));
      System.setProperty("rectifier.crossover", "never");
      assertEquals(Calibration.NEVER, Calibration.crossover(cpu, null));
    }
  }
}
