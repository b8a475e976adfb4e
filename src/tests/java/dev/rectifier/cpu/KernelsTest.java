package dev.rectifier.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Rectifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CPU backend runs the Vector API loops exactly when {@code jdk.incubator.vector} is in the
 * boot layer (once C2 has compiled them: {@link ChosenKernels} waits for that), and each surefire
 * run of the contract tests ran the loops it was meant to test: the property {@code
 * rectifier.test.kernels} ({@code vector} or {@code plain}, set in the parent pom's surefire
 * settings) says which. Without this, a run meant for one path could silently test the other twice.
 */
@Tag("contract")
class KernelsTest {
  @Test
  void theVectorLoopsRunExactlyWhenTheModuleIsInTheBootLayer() {
    boolean moduleThere = ModuleLayer.boot().findModule(Kernels.VECTOR_MODULE).isPresent();
    Kernels found = Kernels.found();
    assertEquals(moduleThere ? "FloatVectorLoops" : "FloatLoops", simpleName(found.floats()));
    assertEquals(moduleThere ? "DoubleVectorLoops" : "DoubleLoops", simpleName(found.doubles()));
  }

  /** The property {@code rectifier.test.kernels}, set in the parent pom for every run. */
  @Test
  void thisRunTestsTheLoopsItWasMeantTo() {
    String meant = System.getProperty("rectifier.test.kernels", "vector");
    boolean vector = simpleName(Kernels.found().floats()).contains("Vector");
    assertEquals(meant, vector ? "vector" : "plain", "the loops this test run found");
  }

  /**
   * The loops on buffers' memory (Java 22 and later, from a jar built with a JDK 22) run exactly in
   * the runs meant for them: the property {@code rectifier.test.segments}, set in the parent pom
   * for the Java 25 run with the Vector API module.
   */
  @Test
  void theLoopsOnBuffersMemoryRunExactlyInTheRunsMeantForThem() {
    boolean meant = Boolean.getBoolean("rectifier.test.segments");
    Kernels found = Kernels.found();
    assertEquals(meant, found.floatBuffers() != null, "FloatSegmentLoops in this run");
    assertEquals(meant, found.doubleBuffers() != null, "DoubleSegmentLoops in this run");
    assertEquals(meant, found.description().contains("MemorySegment"), found.description());
  }

  /** The property {@code rectifier.test.java}, set in the parent pom for the Java 25 runs. */
  @Test
  void thisRunIsOnTheJavaItWasMeantFor() {
    String meant = System.getProperty("rectifier.test.java");
    if (meant != null) {
      assertEquals(meant, String.valueOf(Runtime.version().feature()), "this run's Java");
    }
  }

  @Test
  void theCpuBackendSaysWhichLoopsItRuns() {
    try (Rectifier cpu = Rectifier.cpu()) {
      String described = cpu.describe();
      assertTrue(
          described.contains(Kernels.found().description()),
          () -> described + " should name " + Kernels.found().description());
    }
  }

  private static String simpleName(Object kernels) {
    return kernels.getClass().getSimpleName();
  }
}
