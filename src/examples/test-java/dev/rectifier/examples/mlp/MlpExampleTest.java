package dev.rectifier.examples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.OpenClRequirement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MLP example on the first OpenCL device (PoCL in CI): its first step matches the host stage by
 * stage, the activations bit for bit, and its command prints the check and the times.
 */
class MlpExampleTest {
  /**
   * Sizes that differ from one another, so that a transpose or a leading dimension mixed up shows.
   */
  private static final Shape SHAPE = new Shape(61, 24, 40, 7);

  @BeforeAll
  static void needsOpenCl() {
    OpenClRequirement.devices();
  }

  @Test
  void theDevicesFirstStepMatchesTheHostStageByStage() {
    Problem problem = Problem.random(SHAPE, 3);
    try (OpenClQueue cl = OpenClQueue.open("");
        DeviceStep onDevice = new DeviceStep(cl, problem);
        CpuStep onCpu = new CpuStep(problem)) {
      onDevice.run();
      onCpu.run();
      List<Finding> findings = StepCheck.firstStep(problem, onDevice.trace(), onCpu.trace());
      String report = findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
      assertTrue(findings.stream().allMatch(Finding::passed), report);
      assertEquals(16, findings.size(), report);
    }
  }

  @Test
  void theCommandPrintsTheDeviceTheCheckAndBothTimes() {
    StringWriter out = new StringWriter();
    int exitCode =
        MlpExample.commandLine()
            .setOut(new PrintWriter(out, true))
            .execute("--batch", "32", "--hidden", "48", "--steps", "2");
    String printed = out.toString();
    assertEquals(0, exitCode, printed);
    assertTrue(printed.contains("device step: OpenCL #"), printed);
    assertTrue(
        printed.contains("ok   a1 = leakyRelu(z1) (rectifier): 1536 values equal bit for bit"),
        printed);
    assertTrue(printed.matches("(?s).*  device: [0-9.]+ ms.*  CPU: +[0-9.]+ ms.*"), printed);
    assertTrue(printed.endsWith("check passed" + System.lineSeparator()), printed);
  }
}
