package dev.rectifier.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The {@code rectifier bench --plot} PNG: one chart per op and precision, throughput in GB/s
 * against size on a log axis, a line per backend, and the copy bandwidth as a dashed reference.
 */
final class ThroughputPlot {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 420;

  private ThroughputPlot() {}

  /**
   * Writes the charts of {@code results} to {@code file} as one PNG, two charts a row; a {@link
   * Charts.Failure} when Java's graphics stack cannot draw them.
   */
  static void write(List<BenchResult> results, Path file) throws IOException {
    Map<String, List<BenchResult>> panels = new LinkedHashMap<>();
    for (BenchResult r : results) {
      panels.computeIfAbsent(r.op() + " (" + r.precision() + ")", k -> new ArrayList<>()).add(r);
    }
    Charts.write(
        file,
        out -> {
          List<XYChart> charts = new ArrayList<>();
          panels.forEach((title, rows) -> charts.add(chart(title, rows)));
          int cols = Math.min(2, charts.size());
          int rows = (charts.size() + cols - 1) / cols;
          BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapFormat.PNG);
        });
  }

  private static XYChart chart(String title, List<BenchResult> rows) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("elements (log scale)")
            .yAxisTitle("GB/s (median)")
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    Map<String, TreeMap<Integer, Double>> lines = new LinkedHashMap<>();
    TreeMap<Integer, Double> copy = new TreeMap<>();
    for (BenchResult r : rows) {
      lines.computeIfAbsent(r.backend(), k -> new TreeMap<>()).put(r.size(), r.gbps());
      copy.put(r.size(), r.copyGbps());
    }
    lines.forEach((backend, points) -> add(chart, backend, points));
    XYSeries reference = add(chart, "copy: " + rows.get(0).copyBaseline(), copy);
    reference.setLineStyle(SeriesLines.DASH_DASH);
    reference.setMarker(SeriesMarkers.NONE);
    reference.setLineColor(java.awt.Color.GRAY);
    return chart;
  }

  private static XYSeries add(XYChart chart, String name, TreeMap<Integer, Double> points) {
    List<Double> sizes = points.keySet().stream().map(Integer::doubleValue).toList();
    return chart.addSeries(name, sizes, new ArrayList<>(points.values()));
  }
}
