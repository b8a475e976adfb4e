package dev.rectifier.cli;

import dev.rectifier.Op;
import dev.rectifier.Rectifier;
import java.awt.BasicStroke;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
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
    String name = output.toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".png") && !name.endsWith(".svg")) {
      throw Usage.invalid(
          spec, "--output", "must name a .png or .svg file but was '" + output + "'");
    }
    OutputFile.require(spec, "--output", output);
    XYChart chart = chart(bounds[0], bounds[1]);
    try (OutputStream out = Files.newOutputStream(output)) {
      if (name.endsWith(".svg")) {
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
      } else {
        BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
      }
    }
    spec.commandLine().getOut().println("wrote " + output);
    return 0;
  }

  private XYChart chart(double from, double to) {
    double[] x = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = from + (to - from) * i / (POINTS - 1);
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
