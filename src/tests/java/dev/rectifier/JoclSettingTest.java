package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JOCL's exceptions setting ({@code CL.setExceptionsEnabled}) is the user's and JVM-wide: in child
 * JVMs that set it off and on before using rectifier ({@link JoclSettingProbe}), rectifier leaves
 * it as the user set it (a failing JOCL call of the user's returns its error code, or throws, as
 * before), computes the contract's bits, and reports device errors (an allocation the device cannot
 * make, a kernel source that does not build) as a {@link RectifierException} under either setting.
 */
class JoclSettingTest {
  /** Floats uploaded once the probe's address space is capped: more than the cap leaves. */
  private static final int LARGE = 64_000_000;

  @ParameterizedTest(name = "exceptions enabled: {0}")
  @ValueSource(booleans = {false, true})
  void rectifierLeavesTheSettingAloneComputesTheContractAndReportsDeviceErrors(boolean enabled)
      throws Exception {
    OpenClRequirement.devices();
    ChildJvm child =
        ChildJvm.run(
            JoclSettingProbe.class,
            Map.of(),
            Duration.ofSeconds(120),
            List.of("-Xms1g", "-Xmx1g"),
            String.valueOf(enabled),
            "ops",
            String.valueOf(LARGE),
            String.valueOf(64 << 20));
    String out = child.out();

    assertEquals(0, child.exitCode(), child.transcript());
    assertUserSettingKept(enabled, child);
    assertTrue(out.contains("mismatches=[]\n"), child.transcript());
    assertTrue(
        Pattern.compile(
                "upload=dev.rectifier.RectifierException: allocating "
                    + LARGE
                    + " floats on OpenCL device .* failed: CL_(OUT_OF_\\w+|MEM_OBJECT_ALLOCATION_FAILURE)")
            .matcher(out)
            .find(),
        child.transcript());
    assertTrue(out.contains("small=[-1.0, 3.0]"), child.transcript());
  }

  @ParameterizedTest(name = "exceptions enabled: {0}")
  @ValueSource(booleans = {false, true})
  void aKernelSourceThatDoesNotBuildIsARectifierExceptionWithTheBuildLog(
      boolean enabled, @TempDir Path dir) throws Exception {
    String device = OpenClRequirement.devices().get(0).name();
    Path broken = Files.writeString(dir.resolve("broken.cl"), "__kernel void relu( {}\n");
    ChildJvm child =
        ChildJvm.run(
            JoclSettingProbe.class,
            Map.of("RECTIFIER_KERNEL_SOURCE", broken.toString(), "RECTIFIER_DEVICE", "0"),
            Duration.ofSeconds(60),
            List.of(),
            String.valueOf(enabled),
            "build");

    assertEquals(0, child.exitCode(), child.transcript());
    assertUserSettingKept(enabled, child);
    assertTrue(
        child
            .out()
            .contains(
                "openCl=dev.rectifier.RectifierException: building "
                    + broken
                    + " for float on "
                    + device
                    + " failed (CL_BUILD_PROGRAM_FAILURE); build log:\n"),
        child.transcript());
  }

  /** A failing JOCL call of the user's returned its code (setting off) or threw (on), each time. */
  private static void assertUserSettingKept(boolean enabled, ChildJvm child) {
    String raw = (enabled ? "threw " : "returned ") + "CL_INVALID_VALUE\n";
    assertTrue(child.out().contains("raw after discovery=" + raw), child.transcript());
    assertTrue(child.out().contains("raw at the end=" + raw), child.transcript());
  }
}
