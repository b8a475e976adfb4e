package dev.rectifier.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** The look the charts of {@code plot} and {@code bench --plot} share. */
final class ChartStyle {
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color GRID = new Color(215, 215, 215);

  private ChartStyle() {}

  /** A line {@code width} pixels wide, dashed by {@code dash} (lengths of dashes and gaps). */
  static BasicStroke line(float width, float... dash) {
    return dash.length == 0
        ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, dash, 0);
  }

  /**
   * A linear axis titled {@code title} over the data, and a margin where {@code margin}, with ticks
   * at round numbers (0 among them when it is in range) far enough apart to read at a glance.
   */
  static NumberAxis axis(String title, boolean margin) {
    NumberAxis axis = new NumberAxis(title);
    axis.setStandardTickUnits(new BoundedTickUnits());
    if (!margin) {
      axis.setLowerMargin(0);
      axis.setUpperMargin(0);
    }
    axis.setAutoRangeIncludesZero(false);
    axis.setAutoRangeStickyZero(false);
    axis.setTickLabelInsets(new RectangleInsets(12, 4, 12, 4));
    return axis;
  }

  /**
   * A panel: {@code plot} on white with a light grid under {@code title}, its datasets and series
   * drawn in order (a later one on top), and below it a legend of {@code legend}'s items, outside
   * the data.
   */
  static JFreeChart panel(String title, XYPlot plot, LegendItemSource... legend) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setOutlinePaint(Color.GRAY);
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(4, 8, 4, 20)); // room for the last tick label on the right
    LegendTitle key = new LegendTitle(plot);
    key.setSources(legend);
    key.setItemFont(TEXT);
    key.setPosition(RectangleEdge.BOTTOM);
    chart.addSubtitle(key);
    return chart;
  }
}
