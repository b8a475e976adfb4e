package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rectifier.ChildJvm;
import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.verify.Bits16;
import dev.rectifier.verify.Comparison;
import dev.rectifier.verify.Computation;
import dev.rectifier.verify.ContractSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class VerifyCommandTest {

  @Test
  void theCpuBackendPassesTheSuite() {
    CliRun run = CliRun.of("verify", "--backend", "cpu", "--precision", "float");
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains("94 cases"), run.transcript());
    assertTrue(run.out().contains(": 94 passed, 0 failed"), run.transcript());
  }

  @Test
  void everyPrecisionByDefaultAsTheHelpSays() {
    CliRun run = CliRun.of("verify", "--backend", "cpu");
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains(": 376 passed, 0 failed"), run.transcript());
    String verify = CliRun.of("verify", "--help").out().replaceAll("\\s+", "");
    assertTrue(verify.contains("(default:float,double,half,bfloat16)"), verify);
    String bench = CliRun.of("bench", "--help").out().replaceAll("\\s+", " ");
    assertTrue(bench.contains("float, double, half (IEEE binary16), bfloat16;"), bench);
    assertTrue(bench.contains("(default: float)"), bench);
  }

  @ParameterizedTest
  @EnumSource(
      value = Precision.class,
      names = {"HALF", "BFLOAT16"})
  void eachSixteenBitFormatPassesTheSuiteOnItsOwn(Precision p) {
    CliRun run = CliRun.of("verify", "--backend", "cpu", "--precision", EnumNames.of(p));
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains("94 cases"), run.transcript());
    assertTrue(run.out().contains(": 94 passed, 0 failed"), run.transcript());
  }

  /**
   * An op that rounds its float result toward zero instead of to nearest, a mistake a 16-bit kernel
   * can make, fails the suite in both formats, its mismatches shown in the format's bits.
   */
  @Test
  void aSixteenBitOpThatRoundsTowardZeroFailsTheSuite() {
    try (Rectifier cpu = Rectifier.cpu()) {
      Computation good = Computation.of(cpu);
      Computation towardZero =
          (op, x, dy, out, alpha) -> {
            good.compute(op, x, dy, out, alpha);
            Bits16 o = (Bits16) out;
            float[] exact = new float[o.bits().length];
            cpu.apply(op, widened(x), dy == null ? null : widened(dy), exact, (float) alpha);
            for (int i = 0; i < exact.length; i++) {
              short b = o.bits()[i];
              if (Math.abs(o.precision().widen(b)) > Math.abs(exact[i])) {
                o.bits()[i] = (short) (b - 1); // one step toward zero
              }
            }
          };
      List<ContractSuite.Case> cases =
          ContractSuite.run(towardZero, List.of(Precision.HALF, Precision.BFLOAT16), p -> false, 2);
      StringWriter text = new StringWriter();
      assertEquals(1, VerifyReport.print(cases, new PrintWriter(text)));
      for (String p : List.of("HALF", "BFLOAT16")) {
        assertTrue(
            text.toString().contains("FAILED LEAKY_RELU " + p + " alpha=0.01 random NORMAL"),
            text.toString());
        assertTrue(
            cases.stream()
                .filter(c -> c.name().startsWith("RELU " + p))
                .allMatch(c -> c.comparison().passed()),
            "relu has nothing to round: " + text);
      }
      assertTrue(
          text.toString().matches("(?s).*got \\S+ \\[0x[0-9a-f]{1,4}\\].*"), text.toString());
    }
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
          run.out().contains("376 passed, 0 failed"), d.describe() + ": " + run.transcript());
    }
  }

  @Test
  void onOpenClItNamesThePrecisionsTheDeviceLeavesToItsCpuBackend() {
    assumeTrue(BenchCommandTest.openClAvailable(), "no OpenCL");
    CliRun run = CliRun.of("verify", "--backend", "opencl", "--precision", "float,half,bfloat16");
    assertEquals(0, run.exitCode(), run.transcript());
    List<String> fallback =
        Stream.of(Precision.HALF, Precision.BFLOAT16)
            .filter(p -> !BenchCommandTest.arraysLiveOnTheDevice(p))
            .map(EnumNames::of)
            .toList();
    assertEquals(
        !fallback.isEmpty(),
        run.out()
            .contains(
                "  " + String.join(", ", fallback) + ": on its CPU backend (no device program)"),
        run.transcript());
    assertTrue(run.out().contains(": 282 passed, 0 failed"), run.transcript());
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

  /** A 16-bit array's values as floats (exact). */
  private static float[] widened(Object bits) {
    Bits16 b = (Bits16) bits;
    float[] floats = new float[b.bits().length];
    b.precision().widen(b.bits(), floats);
    return floats;
  }

  @ParameterizedTest
  @CsvSource({"--backend, gpu", "--precision, quarter", "--show, -1"})
  void aBadValueIsAOneLineUsageErrorNamingTheOption(String option, String value) {
    CliRun run = CliRun.of("verify", option, value);
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("'" + option + "'"), run.transcript());
  }
}
