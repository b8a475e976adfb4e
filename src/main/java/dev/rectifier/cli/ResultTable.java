package dev.rectifier.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The readable {@code rectifier bench} output: a row per result (times in microseconds), then where
 * each backend starts to beat the CPU backend.
 */
final class ResultTable {
  private static final String FORMAT =
      "%-15s  %-6s  %5s  %-9s  %10s  %21s  %9s  %7s  %9s  %6s  %7s  %8s  %s%n";

  private ResultTable() {}

  static void print(List<BenchResult> results, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        FORMAT,
        "op",
        "prec",
        "size",
        "backend",
        "median us",
        "p10-p90 us",
        "95% CI +-",
        "GB/s",
        "Melem/s",
        "copy%",
        "vs cpu",
        "max ulp",
        "verified");
    for (BenchResult r : results) {
      out.printf(
          Locale.ROOT,
          FORMAT,
          r.op(),
          r.precision(),
          Sizes.format(r.size()),
          r.backend(),
          us(r.medianNs()),
          us(r.p10Ns()) + "-" + us(r.p90Ns()),
          r.ci95HighNs() == null ? "-" : us(r.ci95HighNs() - r.meanNs()),
          String.format(Locale.ROOT, "%.2f", r.gbps()),
          String.format(Locale.ROOT, "%.1f", r.elementsPerSecond() / 1e6),
          String.format(Locale.ROOT, "%.0f%%", 100 * r.copyFraction()),
          r.speedupVsCpu() == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.speedupVsCpu()),
          r.maxUlpDiff(),
          r.verified() ? "yes" : "NO");
    }
    List<String> crossovers = Crossover.describe(results);
    if (!crossovers.isEmpty()) {
      out.println();
      out.println("Where each backend beats the CPU backend (median times):");
      crossovers.forEach(line -> out.println("  " + line));
    }
    out.flush();
  }

  private static String us(double nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e3);
  }
}
