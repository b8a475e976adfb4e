package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossoverSummaryTest {

  @Test
  void namesTheSizeFromWhichTheBackendStaysFaster() {
    assertEquals(
        List.of(
            "relu float opencl: faster than the CPU backend from 1M up (sizes tested: 1K to 16M);"
                + " best 3.00x at 16M"),
        CrossoverSummary.describe(rows(0.5, 1.2, 0.9, 1.5, 3.0)));
  }

  @Test
  void saysNeverPlainly() {
    assertEquals(
        List.of(
            "relu float opencl: never faster than the CPU backend at the sizes tested (1K to 16M);"
                + " best 0.90x at 64K"),
        CrossoverSummary.describe(rows(0.5, 0.9, 0.7, 0.8, 0.6)));
  }

  @Test
  void namesTheSizesWhereItWinsWhenItLosesAgainAtTheLargest() {
    assertEquals(
        List.of(
            "relu float opencl: faster than the CPU backend only at 64K, 1M, slower at 16M (sizes"
                + " tested: 1K to 16M); best 12.00x at 1M"),
        CrossoverSummary.describe(rows(0.5, 4.0, 0.9, 12.0, 0.8)));
  }

  @Test
  void andEverywhere() {
    assertEquals(
        List.of(
            "relu float opencl: faster than the CPU backend at every size tested (1K to 16M);"
                + " best 2.00x at 16M"),
        CrossoverSummary.describe(rows(1.1, 1.2, 1.3, 1.5, 2.0)));
  }

  @Test
  void claimsNoCrossoverForADeviceThatRanThePrecisionOnItsCpuBackend() {
    List<BenchResult> rows = new ArrayList<>();
    for (BenchResult r : rows(0.5, 1.2, 0.9, 1.5, 3.0)) {
      rows.add(row(r.backend(), r.size(), r.speedupVsCpu(), r.backend().equals("opencl")));
    }
    assertEquals(
        List.of("relu float opencl: ran on the CPU backend (no device program): no crossover"),
        CrossoverSummary.describe(rows));
  }

  /** CPU and OpenCL rows at 1K, 64K, 256K, 1M, 16M with the given OpenCL speedups. */
  private static List<BenchResult> rows(double... speedups) {
    int[] sizes = {1 << 10, 1 << 16, 1 << 18, 1 << 20, 1 << 24};
    List<BenchResult> rows = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      rows.add(row("cpu", sizes[i], 1.0, false));
      rows.add(row("opencl", sizes[i], speedups[i], false));
    }
    return rows;
  }

  private static BenchResult row(String backend, int size, double speedup, boolean cpuFallback) {
    return new BenchResult(
        "relu",
        backend,
        "d",
        "float",
        size,
        "t",
        1,
        1,
        1,
        1,
        null,
        null,
        null,
        1,
        1,
        1,
        "c",
        1,
        1,
        1,
        speedup,
        0,
        true,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        cpuFallback);
  }
}
