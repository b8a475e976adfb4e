package dev.rectifier.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The readable {@code rectifier bench} output: a row per result (times in microseconds), for OpenCL
 * followed by a {@code kernel} row (the kernel alone on device arrays, against the device's copy
 * bandwidth), then which host copy each case's copy% is against, and where each backend starts to
 * beat the CPU backend.
 */
final class ResultTable {
  private static final String FORMAT =
      "%-15s  %-8s  %5s  %-9s  %10s  %21s  %9s  %7s  %9s  %6s  %7s  %8s  %s%n";

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
      String[] times =
          times(
              r.medianNs(),
              r.p10Ns(),
              r.p90Ns(),
              r.meanNs(),
              r.ci95LowNs(),
              r.ci95HighNs(),
              r.gbps(),
              r.elementsPerSecond(),
              r.copyFraction(),
              r.speedupVsCpu());
      String[] name = {r.op(), r.precision(), Sizes.format(r.size()), r.backend()};
      String[] check = {String.valueOf(r.maxUlpDiff()), r.verified() ? "yes" : "NO"};
      out.printf(Locale.ROOT, FORMAT, (Object[]) concat(name, times, check));
      if (r.kernelMedianNs() != null) {
        String[] kernel =
            times(
                r.kernelMedianNs(),
                r.kernelP10Ns(),
                r.kernelP90Ns(),
                null,
                r.kernelCi95LowNs(),
                r.kernelCi95HighNs(),
                r.kernelGbps(),
                r.kernelElementsPerSecond(),
                r.kernelCopyFraction(),
                r.kernelSpeedupVsCpu());
        String[] indent = {"", "", "", " kernel"};
        out.printf(Locale.ROOT, FORMAT, (Object[]) concat(indent, kernel, new String[] {"", ""}));
      }
    }
    out.println();
    out.println("copy% is against the fastest host copy of the same bytes, in this run:");
    hostCopies(results).forEach(line -> out.println("  " + line));
    List<String> crossovers = CrossoverSummary.describe(results);
    if (!crossovers.isEmpty()) {
      out.println();
      out.println("Where each backend beats the CPU backend (median end-to-end times):");
      crossovers.forEach(line -> out.println("  " + line));
    }
    out.flush();
  }

  /**
   * A line per host copy the results were measured against, by size and precision, naming the cases
   * that share it (those that move the same bytes), its thread count and its bandwidth.
   */
  static List<String> hostCopies(List<BenchResult> results) {
    List<String> precisions = results.stream().map(BenchResult::precision).distinct().toList();
    Map<List<String>, List<String>> opsByCopy = new LinkedHashMap<>();
    results.stream()
        .sorted(
            Comparator.comparingInt((BenchResult r) -> precisions.indexOf(r.precision()))
                .thenComparingInt(BenchResult::size))
        .forEach(
            r -> {
              List<String> copy =
                  List.of(
                      Sizes.format(r.size()) + " " + r.precision(),
                      String.format(Locale.ROOT, "%s, %.2f GB/s", r.copyBaseline(), r.copyGbps()));
              List<String> ops = opsByCopy.computeIfAbsent(copy, k -> new ArrayList<>());
              if (!ops.contains(r.op())) {
                ops.add(r.op());
              }
            });
    List<String> lines = new ArrayList<>();
    opsByCopy.forEach(
        (copy, ops) -> lines.add(copy.get(0) + " " + String.join(", ", ops) + ": " + copy.get(1)));
    return lines;
  }

  /**
   * The columns from the median to the speedup. {@code mean} is null for a kernel row (the results
   * have no kernel mean); then the half-width is what the interval shows unless its low end was
   * stopped at 0, where only a lower bound, half its high end, is known.
   */
  private static String[] times(
      double median,
      double p10,
      double p90,
      Double mean,
      Double ciLow,
      Double ciHigh,
      double gbps,
      double elementsPerSecond,
      double copyFraction,
      Double speedup) {
    return new String[] {
      us(median),
      us(p10) + "-" + us(p90),
      halfWidth(mean, ciLow, ciHigh),
      String.format(Locale.ROOT, "%.2f", gbps),
      String.format(Locale.ROOT, "%.1f", elementsPerSecond / 1e6),
      String.format(Locale.ROOT, "%.0f%%", 100 * copyFraction),
      speedup == null ? "-" : String.format(Locale.ROOT, "%.2fx", speedup)
    };
  }

  /** The "95% CI +-" column: half the width of the mean's interval, in microseconds. */
  private static String halfWidth(Double mean, Double ciLow, Double ciHigh) {
    if (ciHigh == null) {
      return "-";
    }
    if (mean != null) {
      return us(ciHigh - mean);
    }
    return ciLow > 0 ? us((ciHigh - ciLow) / 2) : ">" + us(ciHigh / 2);
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  private static String us(double nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e3);
  }
}
