package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rectifier.cpu.CpuBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
  void theSettingWinsOverCalibration() {
    try (CpuBackend cpu = new CpuBackend()) {
      System.setProperty("rectifier.crossover", "12345");
      assertEquals(12345, Calibration.crossover(cpu, null));
      System.setProperty("rectifier.crossover", "never");
      assertEquals(Calibration.NEVER, Calibration.crossover(cpu, null));
      System.setProperty("rectifier.crossover", "lots");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Calibration.crossover(cpu, null));
      assertEquals(
          "rectifier.crossover must be a number of elements or never, was 'lots'", e.getMessage());
    }
  }
}
