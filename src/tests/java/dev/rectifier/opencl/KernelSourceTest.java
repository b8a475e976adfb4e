package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.RectifierException;
import dev.rectifier.settings.Setting;
import java.io.IOException;
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
      assertTrue(SOURCE.contains("__kernel void " + op.kernelName() + "("), op.kernelName());
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
    for (Precision p : Precision.values()) {
      String options = ActivationProgram.buildOptions(p);
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
}
