package dev.rectifier.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;

/**
 * How a {@link Series} is drawn: its colour, line width and dash pattern (none for a solid line).
 *
 * @param color the colour of its lines and dots
 * @param width the line width in pixels
 * @param dash lengths of dashes and gaps in pixels, or empty for a solid line
 */
record Pen(Color color, float width, float... dash) {
  /** The stroke of its lines. */
  Stroke stroke() {
    return dash.length == 0
        ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, dash, 0);
  }

  /** The radius of its dots: a wider pen has larger dots, so a narrower one's show on top. */
  double dotRadius() {
    return width + 2;
  }
}
