package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.OpenClUnavailableException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Device discovery and selection by index, name and rank. */
class OpenClRuntimeTest {
  private final List<DeviceInfo> devices = OpenClRequirement.devices();

  @Test
  void devicesAreNumberedInOrderAndDescribed() {
    for (int i = 0; i < devices.size(); i++) {
      DeviceInfo d = devices.get(i);
      assertEquals(i, d.index());
      assertTrue(d.computeUnits() > 0, d.toString());
      assertTrue(
          d.maxAllocationBytes() > 0 && d.maxAllocationBytes() <= d.globalMemoryBytes(),
          d.toString());
      assertTrue(d.describe().startsWith(d.name() + " (" + d.type() + ", "), d.describe());
    }
  }

  @Test
  void selectsByIndexThenByNameIgnoringCase() {
    DeviceInfo last = devices.get(devices.size() - 1);
    assertEquals(last, OpenClRuntime.select(" " + last.index() + " ").info());
    String part = last.name().substring(last.name().length() / 2).toUpperCase(Locale.ROOT);
    DeviceInfo byName = OpenClRuntime.select(part).info();
    assertTrue(byName.name().toUpperCase(Locale.ROOT).contains(part), byName.name());
  }

  @Test
  void anUnknownSelectorListsTheDevices() {
    OpenClUnavailableException e =
        assertThrows(
            OpenClUnavailableException.class, () -> OpenClRuntime.select("no-such-device-xyz"));
    assertTrue(
        e.getMessage().startsWith("no OpenCL device matches 'no-such-device-xyz'"), e.getMessage());
    assertTrue(e.getMessage().contains("0: " + devices.get(0).name()), e.getMessage());
  }

  @Test
  void bestIsTheFirstOfTheBestType() {
    DeviceInfo best = OpenClRuntime.best();
    for (DeviceInfo d : devices) {
      assertTrue(best.type().compareTo(d.type()) <= 0, d + " outranks " + best);
      if (d.type() == best.type()) {
        assertEquals(d, best);
        break;
      }
    }
  }
}
