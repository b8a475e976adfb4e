package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
}
