package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.Rectifier;
import dev.rectifier.opencl.OpenClRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicesCommandTest {

  @AfterEach
  void clearSettings() {
    System.clearProperty("rectifier.cacheDir");
    System.clearProperty("rectifier.recalibrate");
  }

  @Test
  void recalibrateMeasuresAgainInsteadOfUsingTheCachedVerdict(@TempDir Path cache)
      throws IOException {
    OpenClRequirement.devices();
    System.setProperty("rectifier.cacheDir", cache.toString());
    CliRun first = CliRun.of("devices");
    assertEquals(0, first.exitCode(), first.transcript());
    Path verdict = onlyVerdictIn(cache);
    String old = "2000-01-01T00:00:00Z";
    Files.writeString(
        verdict,
        Files.readString(verdict)
            .replaceFirst("(?m)^date=.*$", "date=" + old.replace(":", "\\\\:")));

    CliRun cached = CliRun.of("devices");
    assertTrue(cached.out().contains("calibrated " + old), cached.transcript());

    CliRun again = CliRun.of("devices", "--recalibrate");
    assertEquals(0, again.exitCode(), again.transcript());
    assertTrue(again.out().contains("calibrated "), again.transcript());
    assertFalse(again.out().contains(old), again.transcript());
    assertFalse(Files.readString(verdict).contains("date=2000"), "the verdict is measured anew");
  }

  private static Path onlyVerdictIn(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      List<Path> verdicts =
          files.filter(f -> f.getFileName().toString().endsWith(".properties")).toList();
      assertEquals(1, verdicts.size(), verdicts.toString());
      return verdicts.get(0);
    }
  }

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
