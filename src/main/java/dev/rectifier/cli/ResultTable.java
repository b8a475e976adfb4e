package dev.rectifier.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * The {@code rectifier bench} table, printed a row at a time: op, precision, size, backend, median
 * and p10–p90 wall time in milliseconds, GB/s over the median, speedup over the CPU backend, and
 * whether the output matched the CPU backend's bit for bit.
 */
final class ResultTable {
  private static final String FORMAT = "%-15s  %-9s  %5s  %-7s  %10s  %19s  %7s  %8s  %s%n";

  private final PrintWriter out;

  ResultTable(PrintWriter out) {
    this.out = out;
  }

  void printHeader() {
    out.printf(
        Locale.ROOT,
        FORMAT,
        "op",
        "precision",
        "size",
        "backend",
        "median ms",
        "p10-p90 ms",
        "GB/s",
        "vs cpu",
        "verified");
  }

  /**
   * One row.
   *
   * @param cpuMedianMs the CPU backend's median for this case, or NaN if it was not timed
   */
  void printRow(
      Invocation c,
      BackendKind backend,
      DescriptiveStatistics millis,
      double cpuMedianMs,
      boolean verified) {
    double median = millis.getPercentile(50);
    out.printf(
        Locale.ROOT,
        FORMAT,
        EnumNames.of(c.op()),
        EnumNames.of(c.precision()),
        Sizes.format(c.size()),
        EnumNames.of(backend),
        ms(median),
        ms(millis.getPercentile(10)) + "-" + ms(millis.getPercentile(90)),
        String.format(Locale.ROOT, "%.2f", c.bytesMoved() / (median * 1e6)),
        Double.isNaN(cpuMedianMs) ? "-" : String.format(Locale.ROOT, "%.2fx", cpuMedianMs / median),
        verified ? "yes" : "NO  <-- differs from the CPU backend");
    out.flush();
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.3f", millis);
  }
}
