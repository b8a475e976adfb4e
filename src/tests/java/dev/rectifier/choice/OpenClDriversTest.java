package dev.rectifier.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The description of the OpenCL drivers that keys the cached calibration: read from the vendor
 * files and the environment alone, and changed by any change to a driver.
 */
class OpenClDriversTest {
  @TempDir Path root;
  private Path vendors;
  private Path libs;
  private Path pocl;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void aMachineWithOneDriver() throws IOException {
    vendors = Files.createDirectories(root.resolve("vendors"));
    libs = Files.createDirectories(root.resolve("lib"));
    pocl = Files.writeString(libs.resolve("libpocl.so.2.10.0"), "elf");
    Files.createSymbolicLink(libs.resolve("libpocl.so.2"), pocl.getFileName());
    Files.writeString(vendors.resolve("pocl.icd"), "libpocl.so.2\n");
    Files.writeString(vendors.resolve("README"), "not a vendor file");
  }

  private String describe() {
    return OpenClDrivers.describe(env::get, vendors, List.of(libs));
  }

  @Test
  void namesEachVendorFileAndTheLibraryBehindIt() throws IOException {
    String d = describe();
    assertTrue(d.contains("OCL_ICD_VENDORS unset\nOCL_ICD_FILENAMES unset\n"), d);
    assertTrue(d.contains("vendors folder " + vendors + "\n"), d);
    assertTrue(d.contains("icd " + vendors.resolve("pocl.icd") + ": libpocl.so.2\n"), d);
    assertTrue(
        d.contains(
            "library libpocl.so.2: "
                + pocl.toRealPath()
                + ", 3 bytes, modified "
                + Files.getLastModifiedTime(pocl)
                + "\n"),
        d);
    assertFalse(d.contains("README"), d);
    assertEquals(d, describe(), "the same drivers, the same description");
  }

  @Test
  void anyChangeToADriverChangesIt() throws IOException {
    String before = describe();

    Files.setLastModifiedTime(pocl, FileTime.fromMillis(1_000_000));
    String touched = describe();
    assertNotEquals(before, touched, "a library's modification time");

    Files.writeString(pocl, "elf, longer");
    Files.setLastModifiedTime(pocl, FileTime.fromMillis(1_000_000));
    String resized = describe();
    assertNotEquals(touched, resized, "a library's size");

    Path newer = Files.writeString(libs.resolve("libpocl.so.2.11.0"), "elf, longer");
    Files.setLastModifiedTime(newer, FileTime.fromMillis(1_000_000));
    Files.delete(libs.resolve("libpocl.so.2"));
    Files.createSymbolicLink(libs.resolve("libpocl.so.2"), newer.getFileName());
    String relinked = describe();
    assertNotEquals(resized, relinked, "the library a name leads to");

    Files.writeString(vendors.resolve("nvidia.icd"), "libnvidia-opencl.so.1");
    String added = describe();
    assertNotEquals(relinked, added, "a vendor file added");
    assertTrue(added.contains("library libnvidia-opencl.so.1: unresolved\n"), added);

    Files.writeString(vendors.resolve("nvidia.icd"), "/opt/nvidia/libnvidia-opencl.so.1");
    assertNotEquals(added, describe(), "a vendor file's content");
  }

  @Test
  void theEnvironmentChoosesOtherVendorsAndLibraries() throws IOException {
    String before = describe();
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    env.put("OCL_ICD_VENDORS", elsewhere.toString());
    String empty = describe();
    assertNotEquals(before, empty);
    assertFalse(empty.contains("pocl"), empty);

    env.put("OCL_ICD_VENDORS", vendors.resolve("pocl.icd").toString());
    assertTrue(describe().contains("vendors file " + vendors.resolve("pocl.icd")), describe());

    env.remove("OCL_ICD_VENDORS");
    env.put("OCL_ICD_FILENAMES", pocl + ":libmissing.so");
    String listed = describe();
    assertTrue(listed.contains("library " + pocl + ": " + pocl.toRealPath()), listed);
    assertTrue(listed.contains("library libmissing.so: unresolved"), listed);

    Path first = Files.createDirectories(root.resolve("first"));
    Files.writeString(first.resolve("libpocl.so.2"), "another build");
    env.put("LD_LIBRARY_PATH", first.toString());
    String preferred = describe();
    assertTrue(
        preferred.contains("library libpocl.so.2: " + first.resolve("libpocl.so.2").toRealPath()),
        preferred);
  }

  @Test
  void linkerConfigurationFoldersAreFollowedThroughIncludes() throws IOException {
    Path confD = Files.createDirectories(root.resolve("ld.so.conf.d"));
    Files.writeString(confD.resolve("b.conf"), "# multiarch\n/usr/lib/b\n");
    Files.writeString(confD.resolve("a.conf"), "/usr/lib/a  # first\n");
    Files.writeString(confD.resolve("c.txt"), "/not/included\n");
    Path conf = Files.writeString(root.resolve("ld.so.conf"), "include ld.so.conf.d/*.conf\n/x\n");
    List<Path> folders = new ArrayList<>();
    OpenClDrivers.readLinkerConfig(conf, folders, 0);
    assertEquals(List.of(Path.of("/usr/lib/a"), Path.of("/usr/lib/b"), Path.of("/x")), folders);
  }

  @Test
  void thisMachinesDriversAreTheVendorFilesLibraries() throws IOException {
    Path icd = Path.of("/etc/OpenCL/vendors/pocl.icd");
    if (System.getenv("OCL_ICD_VENDORS") == null && Files.isRegularFile(icd)) {
      String d = OpenClDrivers.describe();
      assertTrue(d.contains("icd " + icd + ": "), d);
      assertFalse(d.contains("unresolved"), "PoCL's library is found: " + d);
    }
  }
}
