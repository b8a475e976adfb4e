package dev.rectifier.cli;

import dev.rectifier.Op;
import dev.rectifier.Rectifier;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * The picture of {@code rectifier plot}: relu and leaky-relu in one panel, their derivatives (the
 * gradient ops with {@code dy = 1}) in another, all as the CPU backend computes them. The curves
 * are straight on each side of 0, so a few points a side draw them; the value at 0 is a filled dot
 * and a one-sided limit that differs from it an open one. A curve that coincides with an earlier
 * one is drawn narrower and dashed on top of it, and its legend says where they coincide.
 */
final class OpsPlot {
  /** Points computed on each side of 0. */
  static final int POINTS_A_SIDE = 5;

  static final Pen RELU = new Pen(new Color(0, 114, 178), 4.5f);
  static final Pen LEAKY_RELU = new Pen(new Color(230, 120, 0), 2f, 8, 5);

  private OpsPlot() {}

  /** The picture over {@code from < to}, for {@code alpha}. */
  static Figure figure(double from, double to, double alpha) {
    try (Rectifier cpu = Rectifier.cpu()) {
      Computer c = new Computer(cpu, from, to, alpha);
      Panel functions =
          panel(
              "relu and leaky-relu",
              "f(x)",
              from,
              to,
              List.of(
                  c.series(Op.RELU, "relu(x)", RELU),
                  c.series(Op.LEAKY_RELU, "leaky-relu(x), alpha " + alpha, LEAKY_RELU)));
      Panel derivatives =
          panel(
              "their derivatives",
              "f'(x)",
              from,
              to,
              List.of(
                  c.series(Op.RELU_GRAD, "relu'(x)", RELU),
                  c.series(Op.LEAKY_RELU_GRAD, "leaky-relu'(x), alpha " + alpha, LEAKY_RELU)));
      return new Figure(
          "ReLU and Leaky ReLU (alpha " + alpha + ") and their derivatives",
          List.of(
              "As rectifier's CPU backend computes them; a derivative is the gradient op with"
                  + " dy = 1, so relu'(0) = 0 and leaky-relu'(0) = alpha, as the contract defines."),
          List.of(functions, derivatives),
          2,
          560,
          470);
    }
  }

  private static Panel panel(
      String title, String yTitle, double from, double to, List<Series> drawn) {
    List<Series> series = new ArrayList<>();
    for (Series s : drawn) {
      series.add(sayWhereItCoincides(s, series));
    }
    double[] ys = series.stream().flatMapToDouble(OpsPlot::ys).toArray();
    double low = Arrays.stream(ys).min().orElseThrow();
    double high = Arrays.stream(ys).max().orElseThrow();
    List<Panel.Key> keys = new ArrayList<>();
    for (boolean filled : new boolean[] {true, false}) {
      if (series.stream().flatMap(s -> s.dots().stream()).anyMatch(d -> d.filled() == filled)) {
        keys.add(
            new Panel.Key(
                filled, filled ? "the value at 0" : "the limit at 0 from the other side"));
      }
    }
    return new Panel(
        title,
        Axis.linear("x", from, to, 7, false),
        Axis.linear(yTitle, low, high, 6, true),
        series,
        List.of(),
        keys);
  }

  /** {@code s}, its name saying where it coincides with one of {@code earlier}. */
  private static Series sayWhereItCoincides(Series s, List<Series> earlier) {
    for (Series e : earlier) {
      List<String> where = new ArrayList<>();
      for (int i = 0; i < s.lines().size(); i++) {
        Series.Polyline line = s.lines().get(i);
        if (sameValues(line.y(), e.lines().get(i).y())) {
          where.add(line.x()[0] < 0 ? "x < 0" : "x > 0");
        }
      }
      boolean sameDots =
          sameValues(
              s.dots().stream().mapToDouble(Series.Dot::y).toArray(),
              e.dots().stream().mapToDouble(Series.Dot::y).toArray());
      if (!where.isEmpty()) {
        String place =
            where.size() == s.lines().size() && sameDots
                ? "everywhere"
                : "for " + String.join(" and ", where);
        return new Series(
            s.name() + " (= " + e.name() + " " + place + ")", s.pen(), s.lines(), s.dots());
      }
    }
    return s;
  }

  /** Equal as numbers (so 0.0 and -0.0 are), one by one. */
  private static boolean sameValues(double[] a, double[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  private static DoubleStream ys(Series s) {
    return DoubleStream.concat(
        s.lines().stream().flatMapToDouble(l -> Arrays.stream(l.y())),
        s.dots().stream().mapToDouble(Series.Dot::y));
  }

  /** Computes the series of an op over the range on the CPU backend. */
  private record Computer(Rectifier cpu, double from, double to, double alpha) {
    Series series(Op op, String name, Pen pen) {
      List<Series.Polyline> lines = new ArrayList<>();
      double below = Math.nextDown(0.0);
      double above = Math.nextUp(0.0);
      if (from < 0) {
        lines.add(line(op, from, Math.min(to, below)));
      }
      if (to > 0) {
        lines.add(line(op, Math.max(from, above), to));
      }
      List<Series.Dot> dots = new ArrayList<>();
      if (from <= 0 && to >= 0) {
        double atZero = at(op, 0.0);
        dots.add(new Series.Dot(0, atZero, true));
        double span =
            lines.stream().flatMapToDouble(l -> Arrays.stream(l.y())).max().orElse(atZero)
                - lines.stream().flatMapToDouble(l -> Arrays.stream(l.y())).min().orElse(atZero);
        for (double side : new double[] {below, above}) {
          boolean drawn = side < 0 ? from < 0 : to > 0;
          double limit = at(op, side);
          if (drawn && Math.abs(limit - atZero) > span * 1e-6) {
            dots.add(new Series.Dot(0, limit, false));
          }
        }
      }
      return new Series(name, pen, lines, dots);
    }

    /** The op from {@code a} to {@code b}, at {@link #POINTS_A_SIDE} points evenly apart. */
    private Series.Polyline line(Op op, double a, double b) {
      double[] x = new double[POINTS_A_SIDE];
      for (int i = 0; i < x.length; i++) {
        double t = (double) i / (x.length - 1);
        x[i] = a * (1 - t) + b * t; // never beyond a and b, so as finite as they are
      }
      return new Series.Polyline(x, compute(op, x));
    }

    private double at(Op op, double x) {
      return compute(op, new double[] {x})[0];
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
