package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.Rectifier;
import dev.rectifier.opencl.OpenClRuntime;
import org.junit.jupiter.api.Test;

class DevicesCommandTest {

  @Test
  void listsEveryDeviceOrWhyThereIsNone() {
    CliRun run = CliRun.of("devices");
    assertEquals(0, run.exitCode(), run.transcript());
    try {
      for (DeviceInfo d : OpenClRuntime.devices()) {
        assertTrue(run.out().contains("[" + d.index() + "] " + d.name()), run.transcript());
        assertTrue(run.out().contains("driver " + d.driverVersion()), run.transcript());
      }
    } catch (OpenClUnavailableException e) {
      assertTrue(run.out().contains("No OpenCL devices: " + e.getMessage()), run.transcript());
    }
  }

  @Test
  void saysWhatAutoChoicePicksAndWhy() {
    CliRun run = CliRun.of("devices");
    try (Rectifier auto = Rectifier.create()) {
      assertTrue(run.out().contains("Auto choice: " + auto.describe()), run.transcript());
      assertTrue(run.out().contains(auto.reason()), run.transcript());
    }
  }
}
