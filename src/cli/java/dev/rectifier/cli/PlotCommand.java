package dev.rectifier.cli;

import dev.rectifier.Op;
import dev.rectifier.Rectifier;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rectifier plot}: ReLU and Leaky ReLU with their derivatives over a range, as the library
 * computes them (the derivatives are the gradient ops with {@code dy = 1}), to PNG or SVG.
 */
@Command(
    name = "plot",
    sortOptions = false,
    description = {
      "Draws relu, leaky-relu and their derivatives over a range, computed by the CPU backend"
          + " (a derivative is the gradient op with dy = 1: relu'(0) = 0, leaky-relu'(0) ="
          + " alpha), as a PNG, or SVG when FILE ends with .svg."
    })
final class PlotCommand implements Callable<Integer> {
  /** Points per curve: odd, so that x = 0 is one of them for a symmetric range. */
  private static final int POINTS = 801;

  @Spec CommandSpec spec;

  @Option(
      names = "--range",
      paramLabel = "FROM:TO",
      defaultValue = "-2:2",
      description = "The x range, FROM < TO (default: ${DEFAULT-VALUE}).")
  String range;

  @Mixin AlphaOption alphaOption;

  private double alpha;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      required = true,
      description = "The image to write: FILE.png or FILE.svg.")
  Path output;

  @Override
  public Integer call() throws IOException {
    double[] bounds = bounds();
    alpha = alphaOption.value();
    requireDrawable(bounds[0], bounds[1]);
    String name = output.toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".png") && !name.endsWith(".svg")) {
      throw Usage.invalid(
          spec, "--output", "must name a .png or .svg file but was '" + output + "'");
    }
    OutputFile.require(spec, "--output", output);
    Charts.write(
        output,
        out -> {
          XYChart chart = chart(bounds[0], bounds[1]);
          if (name.endsWith(".svg")) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
          } else {
            BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
          }
        });
    spec.commandLine().getOut().println("wrote " + output);
    return 0;
  }

  private XYChart chart(double from, double to) {
    double[] x = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      double t = (double) i / (POINTS - 1);
      x[i] = from * (1 - t) + to * t; // never beyond from and to, so as finite as they are
    }
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(560)
            .title("ReLU and Leaky ReLU (alpha " + alpha + ") and their derivatives")
            .xAxisTitle("x")
            .yAxisTitle("f(x), f'(x)")
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    chart.getStyler().setMarkerSize(0);
    try (Rectifier cpu = Rectifier.cpu()) {
      add(chart, "relu(x)", x, compute(cpu, Op.RELU, x), SeriesLines.SOLID);
      add(chart, "relu'(x)", x, compute(cpu, Op.RELU_GRAD, x), SeriesLines.DASH_DASH);
      add(chart, "leaky-relu(x)", x, compute(cpu, Op.LEAKY_RELU, x), SeriesLines.SOLID);
      add(chart, "leaky-relu'(x)", x, compute(cpu, Op.LEAKY_RELU_GRAD, x), SeriesLines.DASH_DASH);
    }
    return chart;
  }

  private double[] compute(Rectifier r, Op op, double[] x) {
    double[] ones = new double[x.length];
    Arrays.fill(ones, 1);
    double[] y = new double[x.length];
    r.apply(op, x, op.isGradient() ? ones : null, y, alpha);
    return y;
  }

  private static void add(XYChart chart, String name, double[] x, double[] y, BasicStroke line) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineStyle(line);
  }

  /**
   * Throws a usage error naming {@code --range} unless what the chart computes of it fits a double:
   * the range's width, the curves' values (leaky-relu is {@code alpha * x} below 0) and the span of
   * the y axis. The curves are linear between the ends and 0, so their extremes lie there.
   */
  private void requireDrawable(double from, double to) {
    String problem = null;
    double leakyFrom = from < 0 ? alpha * from : from;
    double leakyTo = to < 0 ? alpha * to : to;
    double[] ys = {0, 1, alpha, Math.max(from, 0), Math.max(to, 0), leakyFrom, leakyTo};
    double low = Arrays.stream(ys).min().orElseThrow();
    double high = Arrays.stream(ys).max().orElseThrow();
    if (!Double.isFinite(to - from)) {
      problem = "the width from " + from + " to " + to + " overflows a double";
    } else if (!Double.isFinite(leakyFrom) || !Double.isFinite(leakyTo)) {
      problem =
          "leaky-relu of "
              + (Double.isFinite(leakyFrom) ? to : from)
              + " with --alpha "
              + alpha
              + " overflows a double";
    } else if (!Double.isFinite(high - low)) {
      problem = "the curves span " + low + " to " + high + ", which overflows a double";
    }
    if (problem != null) {
      throw Usage.invalid(spec, "--range", problem + " (range '" + range + "')");
    }
  }

  /** {@link #range} as {from, to}. */
  private double[] bounds() {
    String[] parts = range.split(":", -1);
    try {
      if (parts.length == 2) {
        double from = Double.parseDouble(parts[0].trim());
        double to = Double.parseDouble(parts[1].trim());
        if (Double.isFinite(from) && Double.isFinite(to) && from < to) {
          return new double[] {from, to};
        }
      }
    } catch (NumberFormatException e) {
      // not a number: the same usage error as any other bad range
    }
    throw Usage.invalid(
        spec,
        "--range",
        "expected FROM:TO with finite FROM < TO, e.g. -2:2, but was '" + range + "'");
  }
}
