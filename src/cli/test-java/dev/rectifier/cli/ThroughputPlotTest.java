package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.measure.HostBaselines;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputPlotTest {
  private static final int[] SIZES = {1 << 10, 1 << 16, 1 << 20, 1 << 24};

  @TempDir Path dir;

  @Test
  void aPanelPerOpAndPrecisionWithEveryLineAndTheSizesAsGiven() {
    List<BenchResult> results = new ArrayList<>();
    for (String op : List.of("relu", "leaky-relu-grad")) {
      for (String precision : List.of("float", "double")) {
        results.addAll(rows(op, precision, 0.5, 0.9, 1.5, 3.0));
      }
    }
    Figure figure = ThroughputPlot.figure(results, List.of("subtitle"));
    assertEquals(
        List.of("relu, float", "relu, double", "leaky-relu-grad, float", "leaky-relu-grad, double"),
        figure.panels().stream().map(p -> p.getTitle().getText()).toList());
    XYPlot plot = figure.panels().get(0).getXYPlot();
    assertEquals(
        List.of("1K", "64K", "1M", "16M"), Pictures.tickLabels(figure, 0, plot.getDomainAxis()));
    assertEquals(
        List.of(
            "cpu",
            "opencl end to end (faster than cpu from 1M up)",
            "opencl kernel only (faster than cpu at every size)",
            "copy baseline: opencl device clEnqueueCopyBuffer",
            "copy baseline: host copy loop, 1 thread at 1K, 64K; 2 threads at 1M, 16M"),
        Pictures.names(figure.panels().get(0)));
    Paint opencl = plot.getRenderer().getSeriesPaint(1);
    assertEquals(
        List.of((double) (1 << 20) + " opencl end to end faster from 1M " + opencl),
        ((Collection<?>) plot.getDomainMarkers(Layer.FOREGROUND))
            .stream()
                .map(m -> (ValueMarker) m)
                .map(m -> m.getValue() + " " + m.getLabel() + " " + m.getPaint())
                .toList());
    Pictures.assertEverySeriesDrawnAndToldApart(figure);
  }

  @Test
  void aLegendNamesTheSizesWhereABackendIsFasterWhenTheyAreNotAllFromOneUp() {
    assertEquals(
        "opencl end to end (faster than cpu only at 1K, 64K)",
        endToEndName(rows("relu", "float", 2, 1.5, 0.9, 0.8)));
    assertEquals(
        "opencl end to end (faster than cpu only at 1K, 1M, 16M)",
        endToEndName(rows("relu", "float", 2, 0.5, 1.5, 3)));
    assertEquals(
        "opencl end to end (never faster than cpu)",
        endToEndName(rows("relu", "float", 0.5, 1, 0.9, 0.8)));
    assertEquals(
        "opencl end to end (faster than cpu at every size)",
        endToEndName(rows("relu", "float", 1.1, 2, 3, 4)));
  }

  private static String endToEndName(List<BenchResult> rows) {
    return Pictures.names(ThroughputPlot.figure(rows, List.of("s")).panels().get(0)).get(1);
  }

  @Test
  void aDeviceThatRanThePrecisionOnItsCpuBackendGetsNoCrossoverMark() {
    List<BenchResult> rows = new ArrayList<>();
    for (int i = 0; i < SIZES.length; i++) {
      rows.add(row("relu", "half", "cpu", SIZES[i], 10, 1.0, null, null, null, false));
      rows.add(row("relu", "half", "opencl", SIZES[i], 10, 1.0 + i, null, null, null, true));
    }
    Figure figure = ThroughputPlot.figure(rows, List.of("s"));
    assertEquals(
        List.of("cpu", "opencl on its CPU backend", "copy baseline: " + hostCopyName()),
        Pictures.names(figure.panels().get(0)));
    Collection<?> marks = figure.panels().get(0).getXYPlot().getDomainMarkers(Layer.FOREGROUND);
    assertTrue(marks == null || marks.isEmpty(), "no crossover mark: " + marks);
  }

  private static String hostCopyName() {
    return "host copy loop, 1 thread at 1K, 64K; 2 threads at 1M, 16M";
  }

  @Test
  void theFilesShowEveryLine() throws IOException {
    Figure figure = ThroughputPlot.figure(rows("relu", "float", 0.2, 0.5, 0.8, 0.9), List.of("s"));
    Path png = dir.resolve("bench.png");
    figure.write(png);
    Pictures.assertPngShowsEverySeries(png, figure, 100);
    Path svg = dir.resolve("bench.svg");
    figure.write(svg);
    Pictures.assertSvgShowsEverySeries(svg, figure, 50_000);
  }

  /**
   * CPU and OpenCL rows of one op and precision at 1K to 16M, OpenCL's end-to-end speedups as given
   * and its kernel twice as fast as the CPU backend everywhere.
   */
  private static List<BenchResult> rows(String op, String precision, double... speedups) {
    List<BenchResult> rows = new ArrayList<>();
    for (int i = 0; i < SIZES.length; i++) {
      double cpuGbps = 10 + i;
      rows.add(row(op, precision, "cpu", SIZES[i], cpuGbps, 1.0, null, null, null, false));
      rows.add(
          row(
              op,
              precision,
              "opencl",
              SIZES[i],
              cpuGbps * speedups[i],
              speedups[i],
              2.0 * cpuGbps,
              2.0,
              300.0,
              false));
    }
    return rows;
  }

  /** The host copy's thread count: 1 thread up to 64K, 2 above. */
  private static int copyThreads(int size) {
    return size <= 1 << 16 ? 1 : 2;
  }

  private static BenchResult row(
      String op,
      String precision,
      String backend,
      int size,
      double gbps,
      double speedup,
      Double kernelGbps,
      Double kernelSpeedup,
      Double deviceCopyGbps,
      boolean cpuFallback) {
    boolean device = kernelGbps != null;
    return new BenchResult(
        op,
        backend,
        "d",
        precision,
        size,
        "t",
        1,
        1,
        1,
        1,
        null,
        null,
        null,
        1,
        gbps,
        1,
        HostBaselines.threads(copyThreads(size)),
        copyThreads(size),
        40 + size % 7,
        1,
        speedup,
        0,
        true,
        device ? 1.0 : null,
        null,
        null,
        null,
        null,
        kernelGbps,
        null,
        device ? KernelTimer.COPY_DESCRIPTION : null,
        deviceCopyGbps,
        null,
        kernelSpeedup,
        cpuFallback);
  }
}
