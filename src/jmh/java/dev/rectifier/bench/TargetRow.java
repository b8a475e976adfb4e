package dev.rectifier.bench;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
      Optional<Double> copy = m.of("CpuBaselines.copy", precision);
      Optional<Double> bound = m.of("CpuBaselines.threeArrayBound", precision);
      Optional<Double> deviceCopy = m.of("DeviceCopy.run", precision);
      for (Op op : Op.values()) {
        String which = op + " " + p;
        Optional<Double> base = op.isGradient() ? bound : copy;
        String baseName = op.isGradient() ? "3-array bound" : "2-thread arraycopy";
        Optional<Double> cpu = m.of("HostOps.run", "backend=cpu", "op=" + op, precision);
        Optional<Double> openCl = m.of("HostOps.run", "backend=opencl", "op=" + op, precision);
        Optional<Double> kernel = m.of("DeviceOps.run", "op=" + op, precision);
        add(rows, "CPU " + which + " / " + baseName, base, cpu, 1, op.isGradient() ? 0.8 : 0.85);
        add(rows, "OpenCL end to end " + which + " / " + baseName, base, openCl, 1, 0.6);
        add(
            rows,
            "OpenCL kernel " + which + " / device copy",
            deviceCopy,
            kernel,
            op.arrays() / 2.0,
            0.9);
      }
      Optional<Double> scalar = m.of("CpuBaselines.scalarLeakyRelu", precision);
      Optional<Double> leaky = m.of("HostOps.run", "backend=cpu", "op=LEAKY_RELU", precision);
      add(rows, "CPU LEAKY_RELU " + p + " / scalar loop, 1 thread", scalar, leaky, 1, 20);
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
   * Adds the row {@code (bytesRatio / path) / (1 / baseline)}, i.e. baseline time over path time
   * scaled by how many more bytes the path moves, when both were run.
   */
  private static void add(
      List<TargetRow> rows,
      String name,
      Optional<Double> baseline,
      Optional<Double> path,
      double bytesRatio,
      double target) {
    if (baseline.isPresent() && path.isPresent()) {
      rows.add(new TargetRow(name, bytesRatio * baseline.get() / path.get(), target));
    }
  }
}
