package dev.rectifier.bench;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One speed target of issue 3: a throughput ratio to a baseline measured in the same run (bytes
 * moved per second by the path over bytes per second of the baseline), and the ratio it must reach.
 */
record TargetRow(String name, double ratio, double target) {
  static final String HEADER =
      String.format(Locale.ROOT, "%-62s %8s %8s  %s", "path", "ratio", "target", "met");

  boolean met() {
    return ratio >= target;
  }

  String format() {
    return String.format(
        Locale.ROOT, "%-62s %8.2f %8.2f  %s", name, ratio, target, met() ? "yes" : "NO");
  }

  /** Every target the medians have the runs for. */
  static List<TargetRow> evaluate(Medians m) {
    List<TargetRow> rows = new ArrayList<>();
    for (Precision p : Precision.values()) {
      String precision = "precision=" + p;
      for (Op op : Op.values()) {
        String which = op + " " + p;
        String base = op.isGradient() ? " / 3-array bound" : " / 2-thread arraycopy";
        String opIs = "op=" + op;
        double cpuTarget = op.isGradient() ? 0.8 : 0.85;
        add(
            rows,
            m,
            "CPU " + which + base,
            cpuTarget,
            1,
            "HostOps.run",
            "backend=cpu",
            opIs,
            precision);
        add(
            rows,
            m,
            "OpenCL end to end " + which + base,
            0.6,
            1,
            "HostOps.run",
            "backend=opencl",
            opIs,
            precision);
        add(
            rows,
            m,
            "OpenCL kernel " + which + " / device copy",
            0.9,
            op.arrays() / 2.0,
            "DeviceOps.run",
            opIs,
            precision);
      }
      add(
          rows,
          m,
          "CPU LEAKY_RELU " + p + " / scalar loop, 1 thread",
          20,
          1,
          "ScalarLoop.run",
          precision);
    }
    for (int size : m.intValues("Dispatch.interleaved", "size")) {
      m.perIteration("Dispatch.interleaved", TargetRow::autoOverFaster, "size=" + size)
          .ifPresent(
              r -> rows.add(new TargetRow("auto at " + size + " / the faster backend", r, 0.95)));
    }
    return rows;
  }

  /** The faster of cpu and opencl over auto, in one iteration of {@link Dispatch}'s nanoseconds. */
  private static double autoOverFaster(Map<String, Double> nanos) {
    return Math.min(nanos.get("cpu"), nanos.get("opencl")) / nanos.get("auto");
  }

  /**
   * Adds the row of a {@link Paired} benchmark run with {@code params}, when it was run: the median
   * over iterations of baseline time over path time, scaled by {@code bytesRatio}, how many more
   * bytes the path moves than the baseline.
   */
  private static void add(
      List<TargetRow> rows,
      Medians m,
      String name,
      double target,
      double bytesRatio,
      String benchmark,
      String... params) {
    m.perIteration(benchmark, n -> bytesRatio * n.get("baseline") / n.get("path"), params)
        .ifPresent(r -> rows.add(new TargetRow(name, r, target)));
  }
}
