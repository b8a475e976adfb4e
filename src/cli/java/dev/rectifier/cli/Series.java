package dev.rectifier.cli;

import java.util.List;

/**
 * One entry of a {@link Panel}'s legend and what it draws: lines through points and dots.
 *
 * @param name the legend's text
 * @param pen how it is drawn
 * @param lines each drawn as one connected line
 * @param dots drawn on top of the lines
 */
record Series(String name, Pen pen, List<Polyline> lines, List<Dot> dots) {
  Series {
    lines = List.copyOf(lines);
    dots = List.copyOf(dots);
  }

  /**
   * Points joined by straight segments.
   *
   * @param x the x of each point
   * @param y the y of each point
   */
  record Polyline(double[] x, double[] y) {}

  /**
   * A point marked by itself.
   *
   * @param x where
   * @param y where
   * @param filled a filled dot, or an open one (a ring)
   */
  record Dot(double x, double y, boolean filled) {}

  /** How many points it draws, on its lines and as dots. */
  int points() {
    return lines.stream().mapToInt(l -> l.x().length).sum() + dots.size();
  }
}
