package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.opencl.DeviceInfo;
import dev.rectifier.opencl.OpenClBackend;
import dev.rectifier.opencl.OpenClRuntime;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How settings lead to a backend, and the reasons given. */
class BackendChoiceTest {

  @Test
  void cpuSettingGivesTheCpuBackend() {
    BackendChoice choice = BackendChoice.choose(new Settings("cpu", ""));
    assertTrue(choice.backend() instanceof CpuBackend);
    assertEquals("rectifier.backend=cpu", choice.reason());
  }

  @Test
  void unknownBackendSettingIsRejectedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BackendChoice.choose(new Settings("gpu", "")));
    assertTrue(e.getMessage().contains("rectifier.backend"), e.getMessage());
    assertTrue(e.getMessage().contains("'gpu'"), e.getMessage());
  }

  @Test
  void autoWithAnUnknownDeviceFallsBackToCpuAndWarns() {
    BackendChoice choice = BackendChoice.choose(new Settings("auto", "no-such-device-xyz"));
    assertTrue(choice.backend() instanceof CpuBackend);
    assertTrue(choice.reason().endsWith("; using the CPU backend"), choice.reason());
    assertEquals(Level.WARNING, choice.level());
  }

  @Test
  void openClWithAnUnknownDeviceThrows() {
    OpenClUnavailableException e =
        assertThrows(
            OpenClUnavailableException.class,
            () -> BackendChoice.choose(new Settings("opencl", "no-such-device-xyz")));
    assertTrue(
        e.getMessage().contains("no-such-device-xyz") || e.getMessage().startsWith("no OpenCL"),
        e.getMessage());
  }

  @Test
  void autoPicksAnAcceleratorOrExplainsWhyNot() {
    DeviceInfo best =
        OpenClRequirement.devices().stream()
            .min((a, b) -> a.type().compareTo(b.type()))
            .orElseThrow();
    BackendChoice choice = BackendChoice.choose(new Settings("auto", ""));
    try (Backend backend = choice.backend()) {
      if (best.type().isAccelerator()) {
        assertTrue(backend instanceof OpenClBackend, choice.reason());
        assertEquals(Optional.of(best), backend.device());
      } else {
        assertTrue(backend instanceof CpuBackend);
        assertTrue(choice.reason().startsWith("no GPU or accelerator"), choice.reason());
        assertTrue(choice.reason().contains(best.name()), choice.reason());
      }
    }
    assertEquals(best, OpenClRuntime.best());
  }

  @Test
  void autoUsesANamedDeviceWhateverItsType() {
    DeviceInfo first = OpenClRequirement.devices().get(0);
    BackendChoice choice = BackendChoice.choose(new Settings("auto", "0"));
    try (Backend backend = choice.backend()) {
      assertTrue(backend instanceof OpenClBackend, choice.reason());
      assertEquals(Optional.of(first), backend.device());
      assertEquals("OpenCL: " + first.describe(), backend.describe());
    }
  }
}
