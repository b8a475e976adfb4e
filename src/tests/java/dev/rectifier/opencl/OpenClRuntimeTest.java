package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.OpenClUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  void anAllDigitSelectorIsAnIndexOnlyEvenWhenANameContainsIt() {
    List<String> outOfRange =
        new ArrayList<>(List.of(String.valueOf(devices.size()), "5", "99999999999"));
    for (DeviceInfo d : devices) {
      // Digits in a device's name ("avx512") are no index unless one is in range.
      Matcher digits = Pattern.compile("\\d+").matcher(d.name());
      while (digits.find()) {
        outOfRange.add(digits.group());
      }
    }
    outOfRange.removeIf(s -> s.length() < 9 && Integer.parseInt(s) < devices.size());
    for (String selector : outOfRange) {
      OpenClUnavailableException e =
          assertThrows(
              OpenClUnavailableException.class, () -> OpenClRuntime.select(selector), selector);
      assertTrue(
          e.getMessage().startsWith("no OpenCL device has index " + selector + " (devices: 0: "),
          e.getMessage());
      assertTrue(e.getMessage().contains("0: " + devices.get(0).name()), e.getMessage());
    }
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
