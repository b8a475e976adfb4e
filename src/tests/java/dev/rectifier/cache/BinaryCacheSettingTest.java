package dev.rectifier.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.OpenClRequirement;
import dev.rectifier.Rectifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rectifier.binaryCache} turns off a cache of code loaded into the JVM, so a value that is
 * neither true nor false (say {@code off}) is refused where OpenCL opens, naming the setting, never
 * read as on.
 */
class BinaryCacheSettingTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty("rectifier.binaryCache");
  }

  @Test
  void offIsRefusedNotReadAsOn() {
    System.setProperty("rectifier.binaryCache", "off");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, ProgramBinaryCache::fromSettings);
    assertEquals(
        "rectifier.binaryCache (or RECTIFIER_BINARY_CACHE) must be true or false, was 'off'",
        e.getMessage());
  }

  @Test
  void falseTurnsTheCacheOff() {
    System.setProperty("rectifier.binaryCache", "false");
    assertTrue(ProgramBinaryCache.fromSettings().isEmpty());
  }

  @Test
  void openingOpenClWithAJunkSettingFailsNamingIt() {
    OpenClRequirement.devices();
    System.setProperty("rectifier.binaryCache", "0");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Rectifier.openCl().close());
    assertTrue(e.getMessage().startsWith("rectifier.binaryCache"), e.getMessage());
  }
}
