package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.verify.Comparison;
import dev.rectifier.verify.ContractSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifyCommandTest {

  @Test
  void theCpuBackendPassesTheSuite() {
    CliRun run = CliRun.of("verify", "--backend", "cpu", "--precision", "float");
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains("94 cases"), run.transcript());
    assertTrue(run.out().contains(": 94 passed, 0 failed"), run.transcript());
  }

  @Test
  void bothPrecisionsByDefaultAsTheHelpSays() {
    CliRun run = CliRun.of("verify", "--backend", "cpu");
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains(": 188 passed, 0 failed"), run.transcript());
    assertTrue(CliRun.of("verify", "--help").out().contains("(default: float,double)"));
    assertTrue(CliRun.of("bench", "--help").out().contains("float, double (default: float)"));
  }

  @Test
  void theDefaultBackendIsAutoSoVerifyPassesWithoutOpenCl(@TempDir Path emptyVendors)
      throws Exception {
    assertTrue(CliRun.of("verify", "--help").out().contains("(default: auto)"));
    Map<String, String> env = new HashMap<>();
    env.put("OCL_ICD_VENDORS", emptyVendors.toString()); // the loader finds no driver
    env.put("RECTIFIER_BACKEND", null);
    env.put("RECTIFIER_DEVICE", null);
    ChildJvm child =
        ChildJvm.run(
            RectifierCommand.class,
            env,
            Duration.ofSeconds(120),
            List.of(),
            "verify",
            "--precision",
            "float");
    assertEquals(0, child.exitCode(), child.transcript());
    assertTrue(child.out().contains("Contract suite on CPU: Java"), child.transcript());
    assertTrue(child.out().contains(": 94 passed, 0 failed"), child.transcript());
  }

  @Test
  void everyOpenClDevicePassesTheSuite() {
    for (DeviceInfo d : OpenClRequirement.devices()) {
      CliRun run = CliRun.of("verify", "--backend", "opencl:" + d.index());
      assertEquals(0, run.exitCode(), d.describe() + ": " + run.transcript());
      assertTrue(
          run.out().contains("188 passed, 0 failed"), d.describe() + ": " + run.transcript());
    }
  }

  @Test
  void aDeviceThatDoesNotExistIsAUsageErrorNamingTheBackend() {
    CliRun run = CliRun.of("verify", "--backend", "opencl:999");
    assertEquals(1, run.err().lines().count(), run.transcript());
    if (BenchCommandTest.openClAvailable()) {
      assertEquals(2, run.exitCode(), run.transcript());
      assertTrue(run.err().contains("'--backend': opencl:999"), run.transcript());
    } else {
      assertEquals(1, run.exitCode(), "no OpenCL to choose from: " + run.transcript());
    }
  }

  @Test
  void aFailedCaseIsShownWithItsMismatchesAndExitsWithOne() {
    List<ContractSuite.Case> cases =
        List.of(
            new ContractSuite.Case("RELU FLOAT specials", new Comparison(17, 0, List.of())),
            new ContractSuite.Case(
                "LEAKY_RELU FLOAT alpha=5.0 specials",
                new Comparison(17, 2, List.of("[1] x=-0.0: expected -0.0, got 0.0"))));
    StringWriter text = new StringWriter();
    assertEquals(1, VerifyReport.print(cases, new PrintWriter(text)));
    assertEquals(
        "FAILED LEAKY_RELU FLOAT alpha=5.0 specials: 2 of 17 elements differ\n"
            + "    [1] x=-0.0: expected -0.0, got 0.0\n"
            + "2 cases (34 elements): 1 passed, 1 failed\n",
        text.toString().replace(System.lineSeparator(), "\n"));
  }

  @ParameterizedTest
  @CsvSource({"--backend, gpu", "--precision, half", "--show, -1"})
  void aBadValueIsAOneLineUsageErrorNamingTheOption(String option, String value) {
    CliRun run = CliRun.of("verify", option, value);
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("'" + option + "'"), run.transcript());
  }
}
