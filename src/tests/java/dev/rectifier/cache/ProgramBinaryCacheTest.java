package dev.rectifier.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Program binaries cached on disk: keyed by everything that shapes them, and never trusted. */
class ProgramBinaryCacheTest {
  @TempDir Path folder;

  @Test
  void theKeyChangesWithSourceOptionsAndDriver() {
    DeviceInfo d =
        new DeviceInfo(
            0, "P", "D", DeviceType.GPU, "V", "1.0", "OpenCL 3.0", 1, 1, 1, true, true, true);
    DeviceInfo newer =
        new DeviceInfo(
            0, "P", "D", DeviceType.GPU, "V", "1.1", "OpenCL 3.0", 1, 1, 1, true, true, true);
    String key = ProgramBinaryCache.key("src", "-DREAL=float", d);
    assertEquals(key, ProgramBinaryCache.key("src", "-DREAL=float", d));
    assertNotEquals(key, ProgramBinaryCache.key("src2", "-DREAL=float", d));
    assertNotEquals(key, ProgramBinaryCache.key("src", "-DREAL=double", d));
    assertNotEquals(key, ProgramBinaryCache.key("src", "-DREAL=float", newer));
  }

  @Test
  void storesLoadsAndEvicts() {
    ProgramBinaryCache cache = ProgramBinaryCache.in(folder.resolve("sub"));
    assertFalse(cache.load("k").isPresent());
    cache.store("k", new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, cache.load("k").orElseThrow());
    cache.evict("k");
    assertFalse(cache.load("k").isPresent());
  }

  @Test
  void anEntryIsCheckedAgainstItsKeyLengthAndDigestBeforeItIsHandedOut() throws IOException {
    ProgramBinaryCache cache = ProgramBinaryCache.in(folder);
    byte[] binary = new byte[5000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 7);
    }
    cache.store("a", binary);
    Path a = folder.resolve("a.bin");
    String header = new String(Files.readAllBytes(a), 0, 300, StandardCharsets.UTF_8);
    assertTrue(header.startsWith(ProgramBinaryCache.FORMAT + "\nversion "), header);
    assertTrue(header.contains("\nkey a\nlength 5000\nsha256 "), header);
    assertArrayEquals(binary, cache.load("a").orElseThrow());

    // Renamed to another key: evicted, not handed out.
    Files.copy(a, folder.resolve("b.bin"));
    assertFalse(cache.load("b").isPresent());
    assertFalse(Files.exists(folder.resolve("b.bin")), "evicted");

    // Truncated, and one byte of the binary changed: evicted.
    byte[] entry = Files.readAllBytes(a);
    Files.write(folder.resolve("c.bin"), Arrays.copyOf(entry, entry.length / 2));
    Files.write(a, Arrays.copyOf(entry, entry.length / 2));
    assertFalse(cache.load("a").isPresent());
    assertFalse(Files.exists(a), "evicted");
    cache.store("a", binary);
    entry = Files.readAllBytes(a);
    entry[entry.length - 1] ^= 1;
    Files.write(a, entry);
    assertFalse(cache.load("a").isPresent());

    // Written by another version of rectifier: evicted.
    cache.store("a", binary);
    String other =
        new String(Files.readAllBytes(a), StandardCharsets.ISO_8859_1)
            .replace("version " + ProgramBinaryCache.VERSION, "version 0.0.1");
    Files.write(a, other.getBytes(StandardCharsets.ISO_8859_1));
    assertFalse(cache.load("a").isPresent());

    // A bare binary, as rectifier stored them before entries had a header: evicted.
    Files.write(a, binary);
    assertFalse(cache.load("a").isPresent());
    assertFalse(Files.exists(a), "evicted");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rwxrwx---", "rwx---rwx", "rwxrwxrwx"})
  void aFolderOthersMayWriteIsNeitherReadNorWritten(String mode) throws IOException {
    Path shared = folder.resolve("shared");
    ProgramBinaryCache cache = ProgramBinaryCache.in(shared);
    cache.store("k", new byte[] {1, 2, 3});
    assertTrue(cache.load("k").isPresent());
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString(mode));

    assertFalse(cache.load("k").isPresent(), "nothing is read from a " + mode + " folder");
    cache.store("j", new byte[] {1, 2, 3});
    assertFalse(Files.exists(shared.resolve("j.bin")), "nothing is written to it either");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rw--w----", "rw-----w-", "rw-rw-rw-"})
  void aFileOthersMayWriteIsNotRead(String mode) throws IOException {
    ProgramBinaryCache cache = ProgramBinaryCache.in(folder.resolve("own"));
    cache.store("k", new byte[] {1, 2, 3});
    Files.setPosixFilePermissions(
        folder.resolve("own").resolve("k.bin"), PosixFilePermissions.fromString(mode));
    assertFalse(cache.load("k").isPresent(), "a " + mode + " entry is not read");
  }

  @Test
  void newFoldersAndEntriesAreTheUsersAlone() throws IOException {
    Path created = folder.resolve("new").resolve("cache");
    ProgramBinaryCache.in(created).store("k", new byte[] {1});
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(created.resolve("k.bin"))));
  }

  @Test
  void anUnwritableFolderIsLoggedNotThrown() throws IOException {
    Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
    ProgramBinaryCache cache = ProgramBinaryCache.in(file);
    cache.store("k", new byte[] {1});
    assertFalse(cache.load("k").isPresent());
  }
}
