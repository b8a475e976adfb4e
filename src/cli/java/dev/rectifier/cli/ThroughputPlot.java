package dev.rectifier.cli;

import dev.rectifier.measure.HostBaselines;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The picture of {@code rectifier bench --plot}: a panel per op and precision, throughput in GB/s
 * against size (both on log scales, a tick at each size benched), for each backend a line end to
 * end and, on a device, a dashed one for the kernel alone; the host's and each device's copy
 * bandwidth as thinner reference lines; and a dotted mark where a backend starts to beat the CPU
 * backend.
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

  private static final Color HOST_COPY = new Color(110, 110, 110);
  private static final Shape DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);

  private ThroughputPlot() {}

  /** The picture of {@code results}, with {@code subtitle} (device, version, settings) on top. */
  static Figure figure(List<BenchResult> results, List<String> subtitle) {
    List<String> backends = results.stream().map(BenchResult::backend).distinct().toList();
    Map<String, List<BenchResult>> cases = new LinkedHashMap<>();
    for (BenchResult r : results) {
      cases.computeIfAbsent(r.op() + ", " + r.precision(), k -> new ArrayList<>()).add(r);
    }
    List<JFreeChart> panels = new ArrayList<>();
    cases.forEach((title, rows) -> panels.add(new Panel(rows).chart(title, backends)));
    return new Figure(
        "rectifier bench: throughput against size",
        subtitle,
        panels,
        Math.min(2, panels.size()),
        640,
        500);
  }

  /** One panel's lines and marks, added in order. */
  private static final class Panel {
    private final List<BenchResult> rows;
    private final XYSeriesCollection lines = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    private final List<ValueMarker> marks = new ArrayList<>();

    Panel(List<BenchResult> rows) {
      this.rows = rows;
    }

    JFreeChart chart(String title, List<String> backends) {
      for (String backend : backends) {
        List<BenchResult> bySize = bySize(backend);
        Color color = COLORS.get(backends.indexOf(backend) % COLORS.size());
        boolean cpu = backend.equals(BackendSpec.CPU.name());
        boolean fallback = bySize.stream().anyMatch(BenchResult::cpuFallback);
        line(
            bySize,
            cpu ? backend : backend + (fallback ? " on its CPU backend" : " end to end"),
            color,
            ChartStyle.line(2.5f),
            true,
            BenchResult::gbps,
            cpu || fallback ? r -> null : BenchResult::speedupVsCpu);
        line(
            bySize,
            backend + " kernel only",
            color,
            ChartStyle.line(2f, 7, 4),
            false,
            BenchResult::kernelGbps,
            BenchResult::kernelSpeedupVsCpu);
        line(
            bySize,
            "copy baseline: " + backend + " " + KernelTimer.COPY_DESCRIPTION,
            color,
            ChartStyle.line(1.5f, 10, 3, 2, 3),
            null,
            BenchResult::deviceCopyGbps,
            r -> null);
      }
      List<BenchResult> hostCopies = bySize(backends.get(0));
      line(
          hostCopies,
          "copy baseline: " + hostCopyName(hostCopies),
          HOST_COPY,
          ChartStyle.line(2f, 4, 3),
          null,
          BenchResult::copyGbps,
          r -> null);
      XYPlot plot = new XYPlot(lines, sizeAxis(), gbpsAxis(), renderer);
      marks.forEach(plot::addDomainMarker);
      return ChartStyle.panel(title, plot, plot);
    }

    /**
     * The host copy line's name: the fastest thread count at each size, e.g. {@code host copy loop,
     * 1 thread at 1K, 64K; 2 threads at 1M, 16M}.
     */
    private static String hostCopyName(List<BenchResult> bySize) {
      Map<Integer, List<String>> sizesByThreads = new LinkedHashMap<>();
      for (BenchResult r : bySize) {
        sizesByThreads
            .computeIfAbsent(r.copyThreads(), k -> new ArrayList<>())
            .add(Sizes.format(r.size()));
      }
      if (sizesByThreads.size() == 1) {
        return "host copy loop, " + HostBaselines.threads(bySize.get(0).copyThreads());
      }
      List<String> parts = new ArrayList<>();
      sizesByThreads.forEach(
          (threads, sizes) ->
              parts.add(HostBaselines.threads(threads) + " at " + String.join(", ", sizes)));
      return "host copy loop, " + String.join("; ", parts);
    }

    private List<BenchResult> bySize(String backend) {
      return rows.stream()
          .filter(r -> r.backend().equals(backend))
          .sorted(Comparator.comparingInt(BenchResult::size))
          .toList();
    }

    /**
     * Adds the series of {@code value} over {@code bySize} when every row has one, a dot at each
     * size (filled, open, or none where {@code filled} is null); where every row has a {@code
     * speedup} over the CPU backend, its name says at which sizes it beats the CPU backend (naming
     * them unless it is every size, or every size from one up), and a mark shows the smallest size
     * from which it wins at every larger one.
     */
    private void line(
        List<BenchResult> bySize,
        String name,
        Color color,
        Stroke stroke,
        Boolean filled,
        Function<BenchResult, Double> value,
        Function<BenchResult, Double> speedup) {
      List<Double> values = bySize.stream().map(value).toList();
      if (values.isEmpty()
          || values.stream().anyMatch(v -> v == null || !(v > 0) || v.isInfinite())) {
        return;
      }
      List<Double> speedups = bySize.stream().map(speedup).toList();
      String label = name;
      if (speedups.stream().allMatch(Objects::nonNull)) {
        int from = CrossoverSummary.winsFrom(speedups);
        List<String> faster =
            IntStream.range(0, speedups.size())
                .filter(i -> speedups.get(i) > 1)
                .mapToObj(i -> Sizes.format(bySize.get(i).size()))
                .toList();
        String size = from < bySize.size() ? Sizes.format(bySize.get(from).size()) : null;
        if (faster.isEmpty()) {
          label += " (never faster than cpu)";
        } else if (faster.size() == bySize.size()) {
          label += " (faster than cpu at every size)";
        } else if (faster.size() == bySize.size() - from) {
          label += " (faster than cpu from " + size + " up)";
        } else {
          label += " (faster than cpu only at " + String.join(", ", faster) + ")";
        }
        if (from > 0 && from < bySize.size()) {
          ValueMarker mark =
              new ValueMarker(bySize.get(from).size(), color, ChartStyle.line(1.5f, 2, 3));
          mark.setLabel(name + " faster from " + size);
          mark.setLabelFont(ChartStyle.TEXT);
          mark.setLabelPaint(color);
          mark.setLabelBackgroundColor(new Color(255, 255, 255, 210));
          mark.setLabelAnchor(RectangleAnchor.TOP_LEFT);
          mark.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
          marks.add(mark);
        }
      }
      XYSeries s = new XYSeries(label, false);
      for (int i = 0; i < bySize.size(); i++) {
        s.add(bySize.get(i).size(), values.get(i));
      }
      int k = lines.getSeriesCount();
      lines.addSeries(s);
      renderer.setSeriesPaint(k, color);
      renderer.setSeriesStroke(k, stroke);
      renderer.setSeriesShapesVisible(k, filled != null);
      renderer.setSeriesShape(k, DOT);
      renderer.setSeriesShapesFilled(k, filled != null && filled);
    }

    /** Element counts on a log scale, a tick at each size benched. */
    private TickedLogAxis sizeAxis() {
      Map<Double, String> ticks = new TreeMap<>();
      rows.forEach(r -> ticks.put((double) r.size(), Sizes.format(r.size())));
      return new TickedLogAxis("elements", ticks);
    }

    /**
     * GB/s on a log scale with a tick at each power of ten, over the whole powers of ten that hold
     * the lines and a little more, so that the outermost ticks show.
     */
    private TickedLogAxis gbpsAxis() {
      double low = Double.MAX_VALUE;
      double high = 0;
      for (int i = 0; i < lines.getSeriesCount(); i++) {
        low = Math.min(low, lines.getSeries(i).getMinY());
        high = Math.max(high, lines.getSeries(i).getMaxY());
      }
      int from = (int) Math.floor(Math.log10(low));
      int to = Math.max(from + 1, (int) Math.ceil(Math.log10(high)));
      Map<Double, String> ticks = new LinkedHashMap<>();
      for (int e = from; e <= to; e++) {
        BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(e);
        ticks.put(power.doubleValue(), power.toPlainString());
      }
      TickedLogAxis axis = new TickedLogAxis("GB/s (bytes read and written / median time)", ticks);
      axis.setRange(Math.pow(10, from) / 1.2, Math.pow(10, to) * 1.2);
      return axis;
    }
  }
}
