package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceType;
import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.RectifierException;
import dev.rectifier.TestPrecisions;
import dev.rectifier.backend.Names;
import dev.rectifier.settings.Setting;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract's rules on the kernel source and its build options, checked on the text. */
class KernelSourceTest {
  private static final String SOURCE = KernelSource.activations();

  @Test
  void hasAKernelForEveryOp() {
    for (Op op : Op.values()) {
      assertTrue(SOURCE.contains("__kernel void " + Names.kernel(op) + "("), Names.kernel(op));
    }
  }

  @Test
  void neverUsesMaxOrFmaxOrFmin() {
    String code = SOURCE.replaceAll("(?m)//.*$", "");
    assertFalse(
        Pattern.compile("\\b(f?max|f?min)\\s*\\(").matcher(code).find(),
        "max/fmax/fmin drop NaN or are undefined for it");
  }

  @Test
  void isNeverBuiltWithFastMathOptions() {
    for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
      for (DeviceType type : DeviceType.values()) {
        String options = ActivationProgram.buildOptions(p, type);
        for (String banned :
            new String[] {
              "-cl-fast-relaxed-math",
              "-cl-finite-math-only",
              "-cl-no-signed-zeros",
              "-cl-unsafe-math-optimizations",
              "-cl-denorms-are-zero"
            }) {
          assertFalse(options.contains(banned), options);
        }
      }
    }
  }

  @Test
  void anOverrideFileReplacesTheBundledSourceAndAMissingOneIsAClearError(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("mine.cl"), "// my kernels");
    Path missing = dir.resolve("missing.cl");
    try {
      System.setProperty(Setting.KERNEL_SOURCE.property(), file.toString());
      assertEquals("// my kernels", KernelSource.activations());
      assertEquals(file.toString(), KernelSource.origin());
      System.setProperty(Setting.KERNEL_SOURCE.property(), missing.toString());
      RectifierException e = assertThrows(RectifierException.class, KernelSource::activations);
      assertTrue(e.getMessage().startsWith("cannot read kernel source " + missing), e.getMessage());
    } finally {
      System.clearProperty(Setting.KERNEL_SOURCE.property());
    }
    assertEquals(SOURCE, KernelSource.activations());
    assertEquals(KernelSource.PATH, KernelSource.origin());
  }

  @Test
  void anOverrideOver16MibOrUnreadableIsAClearErrorNeverOutOfMemory(@TempDir Path dir)
      throws IOException {
    Path large = sparse(dir.resolve("large.cl"), (16L << 20) + 1);
    Path huge = sparse(dir.resolve("huge.cl"), 5L << 30);
    Path folder = Files.createDirectory(dir.resolve("folder.cl"));
    try {
      for (Path file : new Path[] {large, huge}) {
        System.setProperty(Setting.KERNEL_SOURCE.property(), file.toString());
        RectifierException e = assertThrows(RectifierException.class, KernelSource::activations);
        assertTrue(
            e.getMessage()
                .startsWith(
                    "cannot read kernel source "
                        + file
                        + " (rectifier.kernelSource): it is larger than 16 MiB"),
            e.getMessage());
      }
      System.setProperty(Setting.KERNEL_SOURCE.property(), folder.toString());
      RectifierException e = assertThrows(RectifierException.class, KernelSource::activations);
      assertTrue(e.getMessage().startsWith("cannot read kernel source " + folder), e.getMessage());
      // Exactly 16 MiB is still read.
      Path limit = sparse(dir.resolve("limit.cl"), 16L << 20);
      System.setProperty(Setting.KERNEL_SOURCE.property(), limit.toString());
      assertEquals(16 << 20, KernelSource.activations().length());
    } finally {
      System.clearProperty(Setting.KERNEL_SOURCE.property());
    }
  }

  /** A file of {@code length} zero bytes that takes no disk space. */
  static Path sparse(Path file, long length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(length);
    }
    return file;
  }
}
