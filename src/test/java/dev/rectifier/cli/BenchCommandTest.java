package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.OpenClRequirement;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.opencl.OpenClRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchCommandTest {
  private static final Set<String> OPS = Set.of("relu", "leaky-relu-grad");

  @Test
  void printsAVerifiedRowPerOpPrecisionSizeAndBackend() {
    CliRun run =
        CliRun.of(
            "bench",
            "--sizes",
            "1K,3",
            "--repeats",
            "2",
            "--warmup",
            "1",
            "--ops",
            "relu,leaky-relu-grad",
            "--precision",
            "float,double");
    assertEquals(0, run.exitCode(), run.transcript());

    List<String> backends = openClAvailable() ? List.of("cpu", "opencl") : List.of("cpu");
    List<String> expected = new ArrayList<>();
    for (String op : List.of("relu", "leaky-relu-grad")) {
      for (String precision : List.of("float", "double")) {
        for (String size : List.of("1K", "3")) {
          for (String backend : backends) {
            expected.add(String.join(" ", op, precision, size, backend, "yes"));
          }
        }
      }
    }
    List<String> rows =
        run.out()
            .lines()
            .map(line -> line.trim().split("\\s+"))
            .filter(cells -> OPS.contains(cells[0]))
            .map(cells -> String.join(" ", cells[0], cells[1], cells[2], cells[3], cells[8]))
            .collect(Collectors.toList());
    assertEquals(expected, rows, run.transcript());
    assertEquals("", run.err(), run.transcript());
  }

  @Test
  void openClAloneIsStillVerifiedAgainstTheCpuBackend() {
    CliRun run = CliRun.of("bench", "--sizes", "5K", "--repeats", "1", "--backends", "opencl");
    assertEquals(0, run.exitCode(), run.transcript());
    String backend = openClAvailable() ? "opencl" : "cpu";
    List<String[]> rows =
        run.out()
            .lines()
            .map(line -> line.trim().split("\\s+"))
            .filter(cells -> cells.length == 9 && cells[2].equals("5K"))
            .collect(Collectors.toList());
    assertEquals(4, rows.size(), run.transcript());
    for (String[] cells : rows) {
      assertEquals(backend, cells[3], run.transcript());
      assertEquals(backend.equals("cpu") ? "1.00x" : "-", cells[7], run.transcript());
      assertEquals("yes", cells[8], run.transcript());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "--ops, nope",
    "--sizes, -5",
    "--sizes, abc",
    "--sizes, 0",
    "--precision, half",
    "--backends, gpu",
    "--alpha, NaN",
    "--repeats, 0",
    "--warmup, -1",
  })
  void aBadValueIsAOneLineUsageErrorNamingTheOption(String option, String value) {
    CliRun run = CliRun.of("bench", option, value);
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals("", run.out(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("'" + option + "'"), run.transcript());
  }

  /** Whether bench can open OpenCL; fails where OpenCL is required (CI) and missing. */
  private static boolean openClAvailable() {
    try {
      OpenClRuntime.devices();
      return true;
    } catch (OpenClUnavailableException e) {
      assertFalse(OpenClRequirement.required(), "OpenCL is required but missing: " + e);
      return false;
    }
  }
}
