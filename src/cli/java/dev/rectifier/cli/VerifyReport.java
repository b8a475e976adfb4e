package dev.rectifier.cli;

import dev.rectifier.verify.Comparison;
import dev.rectifier.verify.ContractSuite;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code rectifier verify} prints: each failed case with its first mismatches, then counts.
 */
final class VerifyReport {
  private VerifyReport() {}

  /** Prints the report; returns the exit code, 0 if every case passed, else 1. */
  static int print(List<ContractSuite.Case> cases, PrintWriter out) {
    long failed = 0;
    long elements = 0;
    for (ContractSuite.Case c : cases) {
      Comparison result = c.comparison();
      elements += result.compared();
      if (!result.passed()) {
        failed++;
        out.printf(
            "FAILED %s: %d of %d elements differ%n",
            c.name(), result.mismatches(), result.compared());
        result.first().forEach(line -> out.println("    " + line));
      }
    }
    out.printf(
        "%d cases (%d elements): %d passed, %d failed%n",
        cases.size(), elements, cases.size() - failed, failed);
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
