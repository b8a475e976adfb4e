package dev.rectifier.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rectifier plot}: ReLU and Leaky ReLU in one panel and their derivatives in another, over a
 * range, as the library computes them (the derivatives are the gradient ops with {@code dy = 1}),
 * to PNG or SVG.
 */
@Command(
    name = "plot",
    sortOptions = false,
    description = {
      "Draws relu and leaky-relu in one panel and their derivatives in another, and prelu with"
          + " two channels (--weights) and its derivative in two more, over a range, computed by"
          + " the CPU backend (a derivative is the gradient op with dy = 1: relu'(0) = 0,"
          + " leaky-relu'(0) = alpha, prelu'(0) = w, each a filled dot at 0), as a PNG, or SVG"
          + " when FILE ends with .svg."
    })
final class PlotCommand implements Callable<Integer> {
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
      names = "--weights",
      split = ",",
      paramLabel = "W0,W1",
      defaultValue = "0.25,-0.5",
      description = "PReLU's two channel slopes, finite (default: ${DEFAULT-VALUE}).")
  List<Double> weights;

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
    Usage.require(
        weights.size() == 2 && weights.stream().allMatch(Double::isFinite),
        spec,
        "--weights",
        "must be two finite slopes but was " + weights);
    requireDrawable(bounds[0], bounds[1]);
    Usage.require(
        Figure.writes(output),
        spec,
        "--output",
        "must name a .png or .svg file but was '" + output + "'");
    OutputFile.require(spec, "--output", output);
    OpsPlot.figure(
            bounds[0],
            bounds[1],
            alpha,
            weights.stream().mapToDouble(Double::doubleValue).toArray())
        .write(output);
    spec.commandLine().getOut().println("wrote " + output);
    return 0;
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
    for (double w : weights) {
      double preluFrom = from < 0 ? w * from : from;
      double preluTo = to < 0 ? w * to : to;
      if (problem == null && !(Double.isFinite(preluFrom) && Double.isFinite(preluTo))) {
        problem = "prelu with --weights " + w + " overflows a double";
      }
      ys =
          java.util.stream.DoubleStream.concat(
                  Arrays.stream(ys), java.util.stream.DoubleStream.of(w, preluFrom, preluTo))
              .toArray();
    }
    double low = Arrays.stream(ys).min().orElseThrow();
    double high = Arrays.stream(ys).max().orElseThrow();
    if (problem != null) {
      // already found: a PReLU weight
    } else if (!Double.isFinite(to - from)) {
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
