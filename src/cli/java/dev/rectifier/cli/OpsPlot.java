package dev.rectifier.cli;

import dev.rectifier.Op;
import dev.rectifier.Rectifier;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The picture of {@code rectifier plot}: relu and leaky-relu in one panel, their derivatives (the
 * gradient ops with {@code dy = 1}) in another, PReLU's two channels and their derivatives in two
 * more, all as the CPU backend computes them. The curves are straight on each side of 0, so a few
 * points a side draw them, broken at 0; the value at 0 is a filled dot and a one-sided limit that
 * differs from it an open one. Leaky-relu is drawn narrower and dashed on top of relu, and where
 * they coincide its legend says so.
 */
final class OpsPlot {
  /** Points computed on each side of 0. */
  static final int POINTS_A_SIDE = 5;

  /** The index of a panel's dataset of dots at 0; that of its curves is 0. */
  static final int DOTS = 1;

  /** The suffix of the name of a dot series for the value at 0 (a filled dot). */
  static final String VALUE = " at 0";

  /** In the name of a dot series for a limit at 0 (an open dot), before "below" or "above". */
  static final String LIMIT = " as x goes to 0 from ";

  private static final Color RELU = new Color(0, 114, 178);
  private static final Color LEAKY_RELU = new Color(230, 120, 0);

  private OpsPlot() {}

  /**
   * The picture over {@code from < to}, for {@code alpha} and PReLU's two channels' {@code
   * weights}.
   */
  static Figure figure(double from, double to, double alpha, double[] weights) {
    try (Rectifier cpu = Rectifier.cpu()) {
      Computer c = new Computer(cpu, from, to, alpha, weights);
      String leaky = ", alpha " + alpha;
      String w0 = ", w = " + weights[0];
      String w1 = ", w = " + weights[1];
      return new Figure(
          "ReLU, Leaky ReLU (alpha " + alpha + "), PReLU and their derivatives",
          List.of(
              "As rectifier's CPU backend computes them; a derivative is the gradient op with"
                  + " dy = 1, so relu'(0) = 0 and leaky-relu'(0) = alpha, as the contract defines;"
                  + " PReLU has a slope per channel, here two channels of one input each."),
          List.of(
              panel(
                  "relu and leaky-relu",
                  "f(x)",
                  c.curve(Op.RELU, "relu(x)"),
                  c.curve(Op.LEAKY_RELU, "leaky-relu(x)" + leaky)),
              panel(
                  "their derivatives",
                  "f'(x)",
                  c.curve(Op.RELU_GRAD, "relu'(x)"),
                  c.curve(Op.LEAKY_RELU_GRAD, "leaky-relu'(x)" + leaky)),
              panel(
                  "prelu, two channels",
                  "f(x)",
                  c.prelu(0, false, "prelu(x)" + w0),
                  c.prelu(1, false, "prelu(x)" + w1)),
              panel(
                  "its derivative",
                  "f'(x)",
                  c.prelu(0, true, "prelu'(x)" + w0),
                  c.prelu(1, true, "prelu'(x)" + w1))),
          2,
          560,
          470);
    }
  }

  /** A panel of relu's curve, and leaky-relu's on top of it with where they coincide. */
  private static JFreeChart panel(String title, String yTitle, Curve relu, Curve leaky) {
    List<Curve> curves = List.of(relu, leaky.sayingWhereItCoincidesWith(relu));
    XYSeriesCollection lines = new XYSeriesCollection();
    XYSeriesCollection dots = new XYSeriesCollection();
    XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
    XYLineAndShapeRenderer dotRenderer = new XYLineAndShapeRenderer(false, true);
    dotRenderer.setUseOutlinePaint(false);
    dotRenderer.setDrawOutlines(true);
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      Color color = i == 0 ? RELU : LEAKY_RELU;
      float width = i == 0 ? 4.5f : 2f;
      lines.addSeries(c.line());
      lineRenderer.setSeriesPaint(i, color);
      lineRenderer.setSeriesStroke(
          i, i == 0 ? ChartStyle.line(width) : ChartStyle.line(width, 8, 5));
      for (XYSeries d : c.dots()) {
        int k = dots.getSeriesCount();
        dots.addSeries(d);
        dotRenderer.setSeriesPaint(k, color);
        dotRenderer.setSeriesShape(k, circle(width + 2));
        dotRenderer.setSeriesShapesFilled(k, d.getKey().toString().endsWith(VALUE));
        dotRenderer.setSeriesOutlineStroke(k, new BasicStroke(2));
        dotRenderer.setSeriesVisibleInLegend(k, false);
      }
    }
    XYPlot plot =
        new XYPlot(lines, ChartStyle.axis("x", false), ChartStyle.axis(yTitle, true), lineRenderer);
    plot.setDataset(DOTS, dots);
    plot.setRenderer(DOTS, dotRenderer);
    LegendItemCollection keys = new LegendItemCollection();
    for (String suffix : List.of(VALUE, LIMIT)) {
      if (IntStream.range(0, dots.getSeriesCount())
          .anyMatch(i -> dots.getSeriesKey(i).toString().contains(suffix))) {
        keys.add(
            key(
                suffix.equals(VALUE),
                suffix.equals(VALUE) ? "the value at 0" : "the limit at 0 from the other side"));
      }
    }
    return ChartStyle.panel(title, plot, plot, () -> keys);
  }

  private static Shape circle(double radius) {
    return new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius);
  }

  /** A legend entry for a kind of dot: a black one, filled or open, and what it means. */
  private static LegendItem key(boolean filled, String text) {
    return new LegendItem(
        text,
        null,
        null,
        null,
        true,
        circle(4.5),
        filled,
        Color.BLACK,
        true,
        Color.BLACK,
        new BasicStroke(2),
        false,
        new Line2D.Double(),
        new BasicStroke(1),
        Color.BLACK);
  }

  /**
   * An op's values over the range: below 0 ({@code x < 0}, empty when the range is not), above 0
   * ({@code x > 0}, likewise), at 0 (NaN when the range does not hold 0), and its one-sided limits
   * at 0 that differ from its value there, by side ("below", "above").
   */
  private record Curve(
      String name,
      double[] belowX,
      double[] below,
      double[] aboveX,
      double[] above,
      double atZero,
      Map<String, Double> limits) {
    /** The line: the points below 0, a break, the points above. */
    XYSeries line() {
      XYSeries s = new XYSeries(name, false);
      for (int i = 0; i < belowX.length; i++) {
        s.add(belowX[i], below[i]);
      }
      s.add(0, Double.NaN);
      for (int i = 0; i < aboveX.length; i++) {
        s.add(aboveX[i], above[i]);
      }
      return s;
    }

    /** A series for the value at 0 and one for each limit that differs from it. */
    List<XYSeries> dots() {
      List<XYSeries> dots = new ArrayList<>();
      if (!Double.isNaN(atZero)) {
        dots.add(dot(name + VALUE, atZero));
        limits.forEach((side, limit) -> dots.add(dot(name + LIMIT + side, limit)));
      }
      return dots;
    }

    private static XYSeries dot(String key, double y) {
      XYSeries s = new XYSeries(key);
      s.add(0, y);
      return s;
    }

    /** This curve, its name saying where it coincides with {@code other}, if it does. */
    Curve sayingWhereItCoincidesWith(Curve other) {
      List<String> where = new ArrayList<>();
      if (below.length > 0 && sameValues(below, other.below)) {
        where.add("x < 0");
      }
      if (above.length > 0 && sameValues(above, other.above)) {
        where.add("x > 0");
      }
      if (where.isEmpty()) {
        return this;
      }
      boolean everywhere =
          where.size() == (below.length > 0 ? 1 : 0) + (above.length > 0 ? 1 : 0)
              && sameValues(
                  new double[] {atZero}, new double[] {other.atZero}) // NaN: no 0 in the range
              && limits.equals(other.limits);
      String place = everywhere ? "everywhere" : "for " + String.join(" and ", where);
      return new Curve(
          name + " (= " + other.name + " " + place + ")",
          belowX,
          below,
          aboveX,
          above,
          atZero,
          limits);
    }

    /** Equal as numbers (so 0.0 and -0.0 are, NaN and NaN too), one by one. */
    private static boolean sameValues(double[] a, double[] b) {
      if (a.length != b.length) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (a[i] != b[i] && !(Double.isNaN(a[i]) && Double.isNaN(b[i]))) {
          return false;
        }
      }
      return true;
    }
  }

  /** Computes the curve of an op over the range on the CPU backend. */
  private record Computer(Rectifier cpu, double from, double to, double alpha, double[] weights) {
    Curve curve(Op op, String name) {
      return curve(x -> compute(op, x), name);
    }

    /**
     * PReLU (or its derivative, with dy = 1) in channel {@code channel} of an input {@code [n][2]}
     * whose two channels hold the same x.
     */
    Curve prelu(int channel, boolean derivative, String name) {
      return curve(
          x -> {
            double[] in = new double[2 * x.length];
            for (int i = 0; i < in.length; i++) {
              in[i] = x[i / 2];
            }
            double[] out = new double[in.length];
            if (derivative) {
              double[] ones = new double[in.length];
              Arrays.fill(ones, 1);
              cpu.preluGrad(in, ones, out, weights, 1, new double[2]);
            } else {
              cpu.prelu(in, out, weights, 1);
            }
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
              y[i] = out[2 * i + channel];
            }
            return y;
          },
          name);
    }

    private Curve curve(UnaryOperator<double[]> f, String name) {
      double[] belowX = from < 0 ? xs(from, Math.min(to, Math.nextDown(0.0))) : new double[0];
      double[] aboveX = to > 0 ? xs(Math.max(from, Math.nextUp(0.0)), to) : new double[0];
      double[] below = f.apply(belowX);
      double[] above = f.apply(aboveX);
      if (from > 0 || to < 0) {
        return new Curve(name, belowX, below, aboveX, above, Double.NaN, Map.of());
      }
      double atZero = f.apply(new double[] {0.0})[0];
      double[] all = concat(below, above);
      double span =
          Arrays.stream(all).max().orElse(atZero) - Arrays.stream(all).min().orElse(atZero);
      Map<String, Double> limits = new LinkedHashMap<>();
      if (below.length > 0 && Math.abs(below[below.length - 1] - atZero) > span * 1e-6) {
        limits.put("below", below[below.length - 1]);
      }
      if (above.length > 0 && Math.abs(above[0] - atZero) > span * 1e-6) {
        limits.put("above", above[0]);
      }
      return new Curve(name, belowX, below, aboveX, above, atZero, limits);
    }

    /** {@link #POINTS_A_SIDE} points evenly apart from {@code a} to {@code b}. */
    private static double[] xs(double a, double b) {
      double[] x = new double[POINTS_A_SIDE];
      for (int i = 0; i < x.length; i++) {
        double t = (double) i / (x.length - 1);
        x[i] = a * (1 - t) + b * t; // never beyond a and b, so as finite as they are
      }
      return x;
    }

    private static double[] concat(double[] a, double[] b) {
      double[] c = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, c, a.length, b.length);
      return c;
    }

    private double[] compute(Op op, double[] x) {
      double[] ones = new double[x.length];
      Arrays.fill(ones, 1);
      double[] y = new double[x.length];
      cpu.apply(op, x, op.isGradient() ? ones : null, y, alpha);
      return y;
    }
  }
}
