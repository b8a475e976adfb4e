package dev.rectifier.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * One chart of a {@link Figure}: a title, two axes with their ticks and grid, the series in order
 * (a later one on top), vertical marks, and below the axes a legend naming every series, then keys
 * for the dots.
 *
 * @param title above the chart
 * @param x the horizontal axis
 * @param y the vertical axis
 * @param series drawn in this order, each named in the legend
 * @param marks vertical lines across the chart, each labelled along its length
 * @param keys legend lines explaining the dots: a black dot, filled or open, and what it means
 */
record Panel(String title, Axis x, Axis y, List<Series> series, List<Mark> marks, List<Key> keys) {
  /** A vertical line at {@code x}, labelled {@code label}, in {@code color}. */
  record Mark(double x, String label, Color color) {}

  /** A legend line for a kind of dot: a filled or open black dot, then {@code text}. */
  record Key(boolean filled, String text) {}

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Color FRAME = new Color(90, 90, 90);
  private static final Color GRID = new Color(225, 225, 225);

  /** Pixels between the frame and the outermost values, so that no line or dot lies on it. */
  private static final double INSET = 10;

  /** Where the legend starts, from the cell's left: about under the frame's left side. */
  private static final int LEGEND_INDENT = 48;

  private static final int SAMPLE = 30;
  private static final int GAP = 8;

  Panel {
    series = List.copyOf(series);
    marks = List.copyOf(marks);
    keys = List.copyOf(keys);
  }

  /** The rows its legend takes in a cell {@code width} wide. */
  int legendRows(Graphics2D g, double width) {
    return legend(g.getFontMetrics(TEXT), width).size();
  }

  /**
   * Draws the panel into {@code cell}, keeping room at its foot for a legend of {@code legendRows}
   * rows (so that panels side by side have the same frame); returns the frame that holds the data.
   */
  Rectangle2D paint(Graphics2D g, Rectangle2D cell, int legendRows) {
    FontMetrics text = g.getFontMetrics(TEXT);
    FontMetrics ticks = g.getFontMetrics(TICKS);
    List<List<Entry>> legend = legend(text, cell.getWidth());
    int row = text.getHeight() + 2;
    double yLabels = y.ticks().stream().mapToInt(t -> ticks.stringWidth(t.label())).max().orElse(0);
    double left = cell.getX() + text.getHeight() + 8 + yLabels + 6;
    double right = cell.getMaxX() - 16;
    double top = cell.getY() + g.getFontMetrics(TITLE).getHeight() + 10;
    double bottom =
        cell.getMaxY() - legendRows * row - 2 * text.getHeight() - ticks.getHeight() - 18;
    Rectangle2D frame = new Rectangle2D.Double(left, top, right - left, bottom - top);

    g.setColor(Color.BLACK);
    g.setFont(TITLE);
    centered(g, title, cell.getCenterX(), cell.getY() + g.getFontMetrics().getAscent() + 4);
    paintAxes(g, frame, ticks);
    g.setColor(Color.BLACK);
    g.setFont(TEXT);
    centered(g, x.title(), frame.getCenterX(), bottom + ticks.getHeight() + 6 + text.getAscent());
    AffineTransform plain = g.getTransform();
    g.translate(cell.getX() + text.getAscent() + 2, frame.getCenterY());
    g.rotate(-Math.PI / 2);
    centered(g, y.title(), 0, 0);
    g.setTransform(plain);

    Shape clip = g.getClip();
    g.clip(frame);
    paintMarks(g, frame);
    for (Series s : series) {
      paintSeries(g, frame, s);
    }
    g.setClip(clip);

    double rowY = bottom + ticks.getHeight() + 2 * text.getHeight() + 6;
    for (List<Entry> entries : legend) {
      double entryX = cell.getX() + LEGEND_INDENT;
      for (Entry e : entries) {
        e.paint(g, entryX, rowY, text);
        entryX += e.width(text) + 2 * GAP;
      }
      rowY += row;
    }
    return frame;
  }

  private void paintAxes(Graphics2D g, Rectangle2D frame, FontMetrics metrics) {
    g.setFont(TICKS);
    g.setStroke(new BasicStroke(1));
    double lastLabelEnd = Double.NEGATIVE_INFINITY;
    for (Axis.Tick t : x.ticks()) {
      double px = px(frame, t.value());
      g.setColor(GRID);
      g.draw(new Line2D.Double(px, frame.getMinY(), px, frame.getMaxY()));
      int width = metrics.stringWidth(t.label());
      if (px - width / 2.0 > lastLabelEnd + 4) { // a label that would overlap the last is left out
        g.setColor(Color.BLACK);
        centered(g, t.label(), px, frame.getMaxY() + 4 + metrics.getAscent());
        lastLabelEnd = px + width / 2.0;
      }
    }
    for (Axis.Tick t : y.ticks()) {
      double py = py(frame, t.value());
      g.setColor(GRID);
      g.draw(new Line2D.Double(frame.getMinX(), py, frame.getMaxX(), py));
      g.setColor(Color.BLACK);
      float labelX = (float) (frame.getMinX() - 6 - metrics.stringWidth(t.label()));
      g.drawString(t.label(), labelX, (float) (py + metrics.getAscent() / 2.0 - 1));
    }
    g.setColor(FRAME);
    g.draw(frame);
  }

  /** Each mark's line, and its label along it, reading upwards from the frame's foot. */
  private void paintMarks(Graphics2D g, Rectangle2D frame) {
    g.setFont(TEXT);
    for (Mark m : marks) {
      double px = px(frame, m.x());
      g.setColor(m.color());
      g.setStroke(new Pen(m.color(), 1.5f, 2, 3).stroke());
      g.draw(new Line2D.Double(px, frame.getMinY(), px, frame.getMaxY()));
      AffineTransform plain = g.getTransform();
      g.translate(px - 5, frame.getMaxY() - 6);
      g.rotate(-Math.PI / 2);
      g.drawString(m.label(), 0, 0);
      g.setTransform(plain);
    }
  }

  private void paintSeries(Graphics2D g, Rectangle2D frame, Series s) {
    g.setColor(s.pen().color());
    g.setStroke(s.pen().stroke());
    for (Series.Polyline line : s.lines()) {
      Path2D path = new Path2D.Double();
      for (int i = 0; i < line.x().length; i++) {
        double px = px(frame, line.x()[i]);
        double py = py(frame, line.y()[i]);
        if (i == 0) {
          path.moveTo(px, py);
        } else {
          path.lineTo(px, py);
        }
      }
      g.draw(path);
    }
    for (Series.Dot d : s.dots()) {
      dot(g, px(frame, d.x()), py(frame, d.y()), s.pen().dotRadius(), d.filled(), s.pen().color());
    }
  }

  private static void dot(
      Graphics2D g, double cx, double cy, double r, boolean filled, Color color) {
    Shape circle = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
    g.setColor(filled ? color : Color.WHITE);
    g.fill(circle);
    if (!filled) {
      g.setColor(color);
      g.setStroke(new BasicStroke(2));
      g.draw(circle);
    }
  }

  private double px(Rectangle2D frame, double value) {
    return frame.getMinX() + INSET + x.fraction(value) * (frame.getWidth() - 2 * INSET);
  }

  private double py(Rectangle2D frame, double value) {
    return frame.getMaxY() - INSET - y.fraction(value) * (frame.getHeight() - 2 * INSET);
  }

  private static void centered(Graphics2D g, String s, double cx, double baseline) {
    g.drawString(s, (float) (cx - g.getFontMetrics().stringWidth(s) / 2.0), (float) baseline);
  }

  /** The legend's entries, series then keys, in rows that fit a cell {@code cellWidth} wide. */
  private List<List<Entry>> legend(FontMetrics text, double cellWidth) {
    double width = cellWidth - LEGEND_INDENT - 2 * GAP;
    List<Entry> entries = new ArrayList<>();
    series.forEach(s -> entries.add(new Entry(s.name(), s.pen(), null)));
    keys.forEach(k -> entries.add(new Entry(k.text(), null, k.filled())));
    List<List<Entry>> rows = new ArrayList<>();
    double used = width;
    for (Entry e : entries) {
      if (used + e.width(text) > width) {
        rows.add(new ArrayList<>());
        used = 0;
      }
      rows.get(rows.size() - 1).add(e);
      used += e.width(text) + 2 * GAP;
    }
    return rows;
  }

  /** One legend entry: a line in the pen of a series, or a key's dot, then its text. */
  private record Entry(String text, Pen pen, Boolean filled) {
    double width(FontMetrics metrics) {
      return SAMPLE + GAP + metrics.stringWidth(text);
    }

    void paint(Graphics2D g, double left, double baseline, FontMetrics metrics) {
      double mid = baseline - metrics.getAscent() / 2.0 + 1;
      if (pen != null) {
        g.setColor(pen.color());
        g.setStroke(pen.stroke());
        g.draw(new Line2D.Double(left, mid, left + SAMPLE, mid));
      } else {
        dot(g, left + SAMPLE / 2.0, mid, 4.5, filled, Color.BLACK);
      }
      g.setColor(Color.BLACK);
      g.setFont(TEXT);
      g.drawString(text, (float) (left + SAMPLE + GAP), (float) baseline);
    }
  }
}
