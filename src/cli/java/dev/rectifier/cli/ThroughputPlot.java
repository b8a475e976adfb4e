package dev.rectifier.cli;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The picture of {@code rectifier bench --plot}: a panel per op and precision, throughput in GB/s
 * against size (both on log scales, a tick at each size benched), for each backend a line end to
 * end and, on a device, a dashed one for the kernel alone; the host's and each device's copy
 * bandwidth as reference lines; and a mark where a backend starts to beat the CPU backend.
 */
final class ThroughputPlot {
  /** A colour per backend, in the order they come (Okabe and Ito's, told apart by most eyes). */
  private static final List<Color> COLORS =
      List.of(
          new Color(0, 114, 178),
          new Color(213, 94, 0),
          new Color(0, 158, 115),
          new Color(204, 121, 167),
          new Color(86, 180, 233),
          new Color(230, 159, 0));

  private static final Pen HOST_COPY = new Pen(new Color(110, 110, 110), 1.5f, 3, 3);

  private ThroughputPlot() {}

  /** The picture of {@code results}, with {@code subtitle} (device, version, settings) on top. */
  static Figure figure(List<BenchResult> results, List<String> subtitle) {
    List<String> backends = results.stream().map(BenchResult::backend).distinct().toList();
    Map<String, List<BenchResult>> cases = new LinkedHashMap<>();
    for (BenchResult r : results) {
      cases.computeIfAbsent(r.op() + ", " + r.precision(), k -> new ArrayList<>()).add(r);
    }
    List<Panel> panels = new ArrayList<>();
    cases.forEach((title, rows) -> panels.add(panel(title, rows, backends)));
    return new Figure(
        "rectifier bench: throughput against size",
        subtitle,
        panels,
        Math.min(2, panels.size()),
        640,
        500);
  }

  private static Panel panel(String title, List<BenchResult> rows, List<String> backends) {
    List<Series> series = new ArrayList<>();
    List<Panel.Mark> marks = new ArrayList<>();
    for (String backend : backends) {
      List<BenchResult> bySize =
          rows.stream()
              .filter(r -> r.backend().equals(backend))
              .sorted(Comparator.comparingInt(BenchResult::size))
              .toList();
      Color color = COLORS.get(backends.indexOf(backend) % COLORS.size());
      boolean cpu = backend.equals(BackendSpec.CPU.name());
      line(
          series,
          cpu ? null : marks,
          bySize,
          cpu ? backend : backend + " end to end",
          new Pen(color, 2.5f),
          true,
          BenchResult::gbps,
          BenchResult::speedupVsCpu);
      line(
          series,
          marks,
          bySize,
          backend + " kernel only",
          new Pen(color, 2f, 7, 4),
          false,
          BenchResult::kernelGbps,
          BenchResult::kernelSpeedupVsCpu);
      line(
          series,
          null,
          bySize,
          "copy baseline: " + backend + " " + KernelTimer.COPY_DESCRIPTION,
          new Pen(color, 1.5f, 10, 3, 2, 3),
          false,
          BenchResult::deviceCopyGbps,
          r -> null);
    }
    line(
        series,
        null,
        rows.stream()
            .filter(r -> r.backend().equals(backends.get(0)))
            .sorted(Comparator.comparingInt(BenchResult::size))
            .toList(),
        "copy baseline: " + rows.get(0).copyBaseline(),
        HOST_COPY,
        false,
        BenchResult::copyGbps,
        r -> null);
    double[] gbps =
        series.stream()
            .flatMap(s -> s.lines().stream())
            .flatMapToDouble(l -> Arrays.stream(l.y()))
            .toArray();
    return new Panel(
        title,
        Axis.sizes("elements", rows.stream().map(BenchResult::size).toList()),
        Axis.log(
            "GB/s (bytes read and written / median time)",
            Arrays.stream(gbps).min().orElse(1),
            Arrays.stream(gbps).max().orElse(10)),
        series,
        marks,
        List.of());
  }

  /**
   * Adds the series of {@code value} over {@code bySize} when every row has one, dotted at each
   * size; where {@code marks} is given (not for the CPU backend itself), its name says where it
   * beats the CPU backend by {@code speedup}, and a mark shows where it starts to.
   */
  private static void line(
      List<Series> series,
      List<Panel.Mark> marks,
      List<BenchResult> bySize,
      String name,
      Pen pen,
      boolean filled,
      Function<BenchResult, Double> value,
      Function<BenchResult, Double> speedup) {
    List<Double> values = bySize.stream().map(value).toList();
    if (values.isEmpty()
        || values.stream().anyMatch(v -> v == null || !(v > 0) || v.isInfinite())) {
      return;
    }
    double[] x = bySize.stream().mapToDouble(BenchResult::size).toArray();
    double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
    List<Series.Dot> dots = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      dots.add(new Series.Dot(x[i], y[i], filled));
    }
    List<Double> speedups = bySize.stream().map(speedup).toList();
    String label = name;
    if (marks != null && speedups.stream().allMatch(Objects::nonNull)) {
      int from = CrossoverSummary.winsFrom(speedups);
      if (from == 0) {
        label += " (faster than cpu at every size)";
      } else if (from < speedups.size()) {
        String size = Sizes.format(bySize.get(from).size());
        label += " (faster than cpu from " + size + " up)";
        marks.add(new Panel.Mark(x[from], name + " faster from " + size, pen.color()));
      } else {
        label +=
            speedups.stream().anyMatch(s -> s > 1)
                ? " (faster than cpu only below the largest size)"
                : " (never faster than cpu)";
      }
    }
    series.add(new Series(label, pen, List.of(new Series.Polyline(x, y)), dots));
  }
}
