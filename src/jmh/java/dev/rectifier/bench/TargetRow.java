package dev.rectifier.bench;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.measure.HostBaselines;
import dev.rectifier.measure.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the speed report: a ratio measured in one run (throughput over a baseline's, or a time
 * over another path's) and the {@link Target} it must meet, or none where the row is reported for
 * information only; for a host baseline, which thread count it ran on (the fastest of {@link
 * dev.rectifier.measure.HostBaselines}'s, the median over iterations), else empty.
 */
record TargetRow(String name, double ratio, Target target, String baselineThreads) {
  static final String HEADER =
      String.format(
          Locale.ROOT, "%-62s %8s %8s  %-3s  %s", "path", "ratio", "target", "met", "baseline on");

  TargetRow(String name, double ratio, Target target) {
    this(name, ratio, target, "");
  }

  /** A bound on a ratio: at least {@code bound}, or at most it. */
  record Target(double bound, boolean atMost) {
    static Target atLeast(double bound) {
      return new Target(bound, false);
    }

    static Target atMost(double bound) {
      return new Target(bound, true);
    }

    boolean metBy(double ratio) {
      return atMost ? ratio <= bound : ratio >= bound;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %.2f", atMost ? "<=" : ">=", bound);
    }
  }

  /** Whether the row has a target. */
  boolean hasTarget() {
    return target != null;
  }

  /** Whether the row meets its target; a row without one meets nothing. */
  boolean met() {
    return hasTarget() && target.metBy(ratio);
  }

  String format() {
    return String.format(
        Locale.ROOT,
        "%-62s %8.2f %8s  %-3s  %s",
        name,
        ratio,
        hasTarget() ? target : "none",
        hasTarget() ? (met() ? "yes" : "NO") : "-",
        baselineThreads);
  }

  /** Every row the medians have the runs for. */
  static List<TargetRow> evaluate(Medians m) {
    List<TargetRow> rows = new ArrayList<>();
    for (Precision p : Precision.values()) {
      if (p.sixteenBit()) {
        sixteenBitRows(rows, m, p);
        continue;
      }
      String precision = "precision=" + p;
      for (Op op : Op.values()) {
        String which = op + " " + p;
        String base = op.isGradient() ? " / 3-array bound" : " / host copy";
        String opIs = "op=" + op;
        Target cpuTarget = Target.atLeast(op.isGradient() ? 0.9 : 0.95);
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
            Target.atLeast(0.6),
            1,
            "HostOps.run",
            "backend=opencl",
            opIs,
            precision);
        add(
            rows,
            m,
            "OpenCL kernel " + which + " / device copy",
            Target.atLeast(0.9),
            Traffic.arrays(op) / 2.0,
            "DeviceOps.run",
            opIs,
            precision);
      }
      if (p == Precision.FLOAT) {
        for (String backend : List.of("cpu", "opencl")) {
          add(
              rows,
              m,
              "LEAKY_RELU FLOAT direct buffers, " + backend + " / host copy",
              Target.atLeast(0.9),
              1,
              "BufferOps.run",
              "backend=" + backend);
        }
      }
      for (String prelu : List.of("PRELU", "PRELU_GRAD")) {
        boolean gradient = prelu.equals("PRELU_GRAD");
        String which = prelu + " " + p;
        add(
            rows,
            m,
            "CPU " + which + (gradient ? " / 3-array bound" : " / host copy"),
            Target.atLeast(gradient ? 0.9 : 0.95),
            1,
            "PreluOps.host",
            "op=" + prelu,
            precision);
        add(
            rows,
            m,
            "OpenCL kernel " + which + " / device copy",
            Target.atLeast(gradient ? 0.8 : 0.9),
            gradient ? 1.5 : 1,
            "PreluOps.device",
            "op=" + prelu,
            precision);
      }
      // The "prelu at the same ratio to the copy as leakyRelu", from the two rows above.
      double leaky = ratio(rows, "CPU LEAKY_RELU " + p + " / host copy");
      double prelu = ratio(rows, "CPU PRELU " + p + " / host copy");
      if (!Double.isNaN(leaky) && !Double.isNaN(prelu)) {
        rows.add(
            new TargetRow(
                "CPU PRELU " + p + " ratio / LEAKY_RELU's", prelu / leaky, Target.atLeast(0.95)));
      }
      // Information only: the copy itself is 11 to 20 times the scalar loop on these machines,
      // so a target here would measure the machine, not rectifier.
      add(
          rows,
          m,
          "CPU LEAKY_RELU " + p + " / scalar loop, 1 thread",
          null,
          1,
          "ScalarLoop.run",
          precision);
      for (Op gradient : List.of(Op.RELU_GRAD, Op.LEAKY_RELU_GRAD)) {
        for (int size : m.intValues("SmallArrays.run", "size")) {
          String name =
              String.format(
                  Locale.ROOT,
                  "CPU %s %s at %dK, time / %s's",
                  gradient,
                  p,
                  size / 1024,
                  SmallArrays.forwardOf(gradient));
          m.perIteration(
                  "SmallArrays.run",
                  n -> n.get("path") / n.get("baseline"),
                  "op=" + gradient,
                  precision,
                  "size=" + size)
              .ifPresent(r -> rows.add(new TargetRow(name, r, Target.atMost(1.7))));
        }
      }
    }
    for (Op op : Op.values()) {
      String name =
          String.format(Locale.ROOT, "CPU %s FLOAT cold 2000x1K, vector module / plain", op);
      m.perIteration("ColdStart.vectorModule", n -> n.get(Medians.SCORE), "op=" + op)
          .flatMap(
              vector ->
                  m.perIteration("ColdStart.plainLoops", n -> n.get(Medians.SCORE), "op=" + op)
                      .map(plain -> vector / plain))
          .ifPresent(r -> rows.add(new TargetRow(name, r, Target.atMost(2))));
    }
    launchRows(rows, m);
    for (int size : m.intValues("Dispatch.interleaved", "size")) {
      m.perIteration("Dispatch.interleaved", TargetRow::autoOverFaster, "size=" + size)
          .ifPresent(
              r ->
                  rows.add(
                      new TargetRow(
                          "auto at " + size + " / the faster backend", r, Target.atLeast(0.95))));
    }
    return rows;
  }

  /**
   * The rows of a 16-bit precision (issue 25): on the CPU backend, each op at least 0.9 of the host
   * copy of the same bytes (forward) or 0.8 of the 3-array bound (gradients), and PReLU at least
   * the float PReLU's fraction of its bound; OpenCL's end to end and PReLU kernel rows for
   * information.
   */
  private static void sixteenBitRows(List<TargetRow> rows, Medians m, Precision p) {
    String precision = "precision=" + p;
    for (Op op : Op.values()) {
      String base = op.isGradient() ? " / 3-array bound" : " / host copy";
      Target cpu = Target.atLeast(op.isGradient() ? 0.8 : 0.9);
      add(
          rows,
          m,
          "CPU " + op + " " + p + base,
          cpu,
          1,
          "HostOps.run",
          "backend=cpu",
          "op=" + op,
          precision);
      add(
          rows,
          m,
          "OpenCL end to end " + op + " " + p + base,
          null,
          1,
          "HostOps.run",
          "backend=opencl",
          "op=" + op,
          precision);
    }
    for (String prelu : List.of("PRELU", "PRELU_GRAD")) {
      boolean gradient = prelu.equals("PRELU_GRAD");
      String cpu = "CPU " + prelu + " " + p + (gradient ? " / 3-array bound" : " / host copy");
      add(rows, m, cpu, null, 1, "PreluOps.host", "op=" + prelu, precision);
      add(
          rows,
          m,
          "OpenCL kernel " + prelu + " " + p + " / device copy",
          null,
          gradient ? 1.5 : 1,
          "PreluOps.device",
          "op=" + prelu,
          precision);
      double sixteen = ratio(rows, cpu);
      double floats = ratio(rows, cpu.replace(" " + p + " ", " FLOAT "));
      if (!Double.isNaN(sixteen) && !Double.isNaN(floats)) {
        rows.add(
            new TargetRow(
                "CPU " + prelu + " " + p + " ratio / FLOAT's",
                sixteen / floats,
                Target.atLeast(1)));
      }
    }
  }

  /**
   * {@link LaunchCost}'s rows: the chain's time over the bare JOCL loop's, and each one's
   * microseconds an op (the absolute target for the chain).
   */
  private static void launchRows(List<TargetRow> rows, Medians m) {
    String chain = "OpenCL launch: 1K LEAKY_RELU FLOAT chained";
    m.perIteration("LaunchCost.run", n -> n.get("path") / n.get("baseline"))
        .ifPresent(
            r -> rows.add(new TargetRow(chain + " / bare JOCL loop", r, Target.atMost(1.2))));
    m.perIteration("LaunchCost.run", n -> microsAnOp(n, "path"))
        .ifPresent(r -> rows.add(new TargetRow(chain + ", us an op", r, Target.atMost(10))));
    m.perIteration("LaunchCost.run", n -> microsAnOp(n, "baseline"))
        .ifPresent(
            r -> rows.add(new TargetRow("OpenCL launch: bare JOCL loop, us an op", r, null)));
  }

  private static double microsAnOp(Map<String, Double> nanos, String which) {
    return nanos.get(which) / nanos.get("calls") / LaunchCost.OPS / 1000;
  }

  /** The ratio of the row named {@code name}, or NaN if there is none. */
  private static double ratio(List<TargetRow> rows, String name) {
    return rows.stream()
        .filter(r -> r.name().equals(name))
        .mapToDouble(TargetRow::ratio)
        .findFirst()
        .orElse(Double.NaN);
  }

  /** The faster of cpu and opencl over auto, in one iteration of {@link Dispatch}'s nanoseconds. */
  private static double autoOverFaster(Map<String, Double> nanos) {
    return Math.min(nanos.get("cpu"), nanos.get("opencl")) / nanos.get("auto");
  }

  /**
   * Adds the row of a {@link Paired} benchmark run with {@code params}, when it was run: the median
   * over iterations of baseline time over path time, scaled by {@code bytesRatio}, how many more
   * bytes the path moves than the baseline; with the host baseline's thread count where it has one.
   */
  private static void add(
      List<TargetRow> rows,
      Medians m,
      String name,
      Target target,
      double bytesRatio,
      String benchmark,
      String... params) {
    double threads =
        m.perIteration(benchmark, n -> n.getOrDefault("baselineThreads", 0.0), params).orElse(0.0);
    String on =
        threads == 0
            ? ""
            : threads == Math.rint(threads)
                ? HostBaselines.threads((int) threads)
                : String.format(Locale.ROOT, "%.1f threads", threads);
    m.perIteration(benchmark, n -> bytesRatio * n.get("baseline") / n.get("path"), params)
        .ifPresent(r -> rows.add(new TargetRow(name, r, target, on)));
  }
}
