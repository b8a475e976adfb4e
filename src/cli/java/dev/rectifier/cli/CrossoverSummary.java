package dev.rectifier.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each backend beats the CPU backend in a bench's results, in words (the library's own
 * crossover is measured by its calibration, not here): per op, precision and backend, the smallest
 * size tested from which it is faster at every larger size tested; the sizes where it is faster
 * when it loses again at the largest; or "never".
 */
final class CrossoverSummary {
  private CrossoverSummary() {}

  /** One sentence per op, precision and non-CPU backend that has speedups. */
  static List<String> describe(List<BenchResult> results) {
    Map<String, List<BenchResult>> groups = new LinkedHashMap<>();
    for (BenchResult r : results) {
      if (!r.backend().equals(BackendSpec.CPU.name()) && r.speedupVsCpu() != null) {
        groups
            .computeIfAbsent(
                r.op() + " " + r.precision() + " " + r.backend(), k -> new ArrayList<>())
            .add(r);
      }
    }
    List<String> lines = new ArrayList<>();
    groups.forEach(
        (name, rows) ->
            lines.add(
                name
                    + ": "
                    + (rows.stream().anyMatch(BenchResult::cpuFallback)
                        ? "ran on the CPU backend (no device program): no crossover"
                        : sentence(rows))));
    return lines;
  }

  /**
   * The index in {@code speedupsBySize} (speedups over the CPU backend, by size) from which every
   * one is above 1: where a backend starts to win for good; the list's size if the last is not.
   */
  static int winsFrom(List<Double> speedupsBySize) {
    int from = speedupsBySize.size();
    while (from > 0 && speedupsBySize.get(from - 1) > 1) {
      from--;
    }
    return from;
  }

  private static String sentence(List<BenchResult> rows) {
    List<BenchResult> bySize = new ArrayList<>(rows);
    bySize.sort(Comparator.comparingInt(BenchResult::size));
    String range =
        Sizes.format(bySize.get(0).size())
            + " to "
            + Sizes.format(bySize.get(bySize.size() - 1).size());
    int from = winsFrom(bySize.stream().map(BenchResult::speedupVsCpu).toList());
    BenchResult best =
        bySize.stream().max(Comparator.comparingDouble(BenchResult::speedupVsCpu)).get();
    String bestText =
        String.format(
            Locale.ROOT, "best %.2fx at %s", best.speedupVsCpu(), Sizes.format(best.size()));
    List<String> faster =
        bySize.stream().filter(r -> r.speedupVsCpu() > 1).map(r -> Sizes.format(r.size())).toList();
    if (faster.isEmpty()) {
      return "never faster than the CPU backend at the sizes tested (" + range + "); " + bestText;
    }
    if (from == 0) {
      return "faster than the CPU backend at every size tested (" + range + "); " + bestText;
    }
    if (from < bySize.size()) {
      return "faster than the CPU backend from "
          + Sizes.format(bySize.get(from).size())
          + " up (sizes tested: "
          + range
          + "); "
          + bestText;
    }
    return "faster than the CPU backend only at "
        + String.join(", ", faster)
        + ", slower at "
        + Sizes.format(bySize.get(bySize.size() - 1).size())
        + " (sizes tested: "
        + range
        + "); "
        + bestText;
  }
}
