package dev.rectifier.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder is used only when it and each file read from it are the current user's alone. */
class PrivateFolderTest {
  private static final Logger JUL = Logger.getLogger("dev.rectifier");

  @TempDir Path temp;
  private final List<String> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(r.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    JUL.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    JUL.removeHandler(capture);
  }

  @Test
  void createsTheFolder0700AndFiles0600AndReadsThemBack() throws IOException {
    Path path = temp.resolve("a").resolve("b");
    PrivateFolder folder = PrivateFolder.open(path, "tests").orElseThrow();
    assertEquals("rwx------", mode(path));
    folder.write("f", new byte[] {4, 5});
    assertEquals("rw-------", mode(path.resolve("f")));
    assertArrayEquals(new byte[] {4, 5}, folder.read("f", 2).orElseThrow());
    assertFalse(folder.read("missing", 2).isPresent());
    assertThrows(IOException.class, () -> folder.read("f", 1), "more than maxBytes");
    folder.delete("f");
    assertFalse(Files.exists(path.resolve("f")));
    assertTrue(logged.isEmpty(), logged.toString());
  }

  @Test
  void aFolderItsGroupOrOthersMayWriteIsRefusedAndThatIsLoggedOnce() throws IOException {
    for (String mode : new String[] {"rwxrwxr-x", "rwxr-xrwx"}) {
      Path path = Files.createDirectory(temp.resolve(mode));
      PrivateFolder folder = PrivateFolder.open(path, "tests").orElseThrow();
      folder.write("f", new byte[] {1});
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));

      assertFalse(PrivateFolder.open(path, "tests").isPresent(), mode);
      assertFalse(PrivateFolder.open(path, "tests").isPresent(), mode);
      assertFalse(folder.read("f", 10).isPresent(), "checked again at each read: " + mode);
      assertThrows(IOException.class, () -> folder.write("g", new byte[] {1}), mode);
      assertFalse(Files.exists(path.resolve("g")), mode);
    }
    assertEquals(2, logged.size(), "once per folder: " + logged);
    assertTrue(logged.get(0).startsWith("WARNING rectifier: not using " + temp), logged.get(0));
    assertTrue(
        logged.get(0).endsWith(" for tests: others may write it (rwxrwxr-x)"), logged.get(0));
  }

  @Test
  void aFileItsGroupOrOthersMayWriteIsNotRead() throws IOException {
    PrivateFolder folder = PrivateFolder.open(temp.resolve("f"), "tests").orElseThrow();
    for (String mode : new String[] {"rw-rw----", "rw-r--rw-"}) {
      folder.write(mode, new byte[] {1});
      Files.setPosixFilePermissions(
          temp.resolve("f").resolve(mode), PosixFilePermissions.fromString(mode));
      assertFalse(folder.read(mode, 10).isPresent(), mode);
    }
    assertEquals(2, logged.size(), logged.toString());
    assertTrue(logged.get(1).endsWith(": others may write it (rw-r--rw-)"), logged.get(1));
  }

  @Test
  void aLinkOrAFolderInPlaceOfAFileIsNotRead() throws IOException {
    Path path = temp.resolve("f");
    PrivateFolder folder = PrivateFolder.open(path, "tests").orElseThrow();
    Path elsewhere = Files.write(temp.resolve("elsewhere"), new byte[] {1});
    Files.createSymbolicLink(path.resolve("link"), elsewhere);
    Files.createDirectory(path.resolve("sub"));
    assertFalse(folder.read("link", 10).isPresent());
    assertFalse(folder.read("sub", 10).isPresent());
    assertTrue(logged.get(0).endsWith("link for tests: it is a symbolic link"), logged.toString());
    assertTrue(
        logged.get(1).endsWith("sub for tests: it is not a regular file"), logged.toString());
  }

  @Test
  void aFileOrFolderOfAnotherUserIsRefused() throws IOException {
    UserPrincipal nobody;
    try {
      nobody = temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    } catch (UserPrincipalNotFoundException e) {
      nobody = null;
    }
    Assumptions.assumeTrue(nobody != null, "no user nobody");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "only root can give files away");
    Path path = temp.resolve("f");
    PrivateFolder folder = PrivateFolder.open(path, "tests").orElseThrow();
    folder.write("theirs", new byte[] {1});
    Files.setOwner(path.resolve("theirs"), nobody);
    assertFalse(folder.read("theirs", 10).isPresent());
    Files.setOwner(path, nobody);
    assertFalse(PrivateFolder.open(path, "tests").isPresent());
    assertTrue(logged.get(1).endsWith(": it belongs to nobody, not to root"), logged.toString());
  }

  @Test
  void namesAreFileNamesInTheFolder() {
    PrivateFolder folder = PrivateFolder.open(temp, "tests").orElseThrow();
    for (String name : new String[] {"", ".", "..", "a/b", "../x"}) {
      assertThrows(IllegalArgumentException.class, () -> folder.read(name, 1), name);
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
