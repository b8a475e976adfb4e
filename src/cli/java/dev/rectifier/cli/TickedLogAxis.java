package dev.rectifier.cli;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A logarithmic axis with a tick at each of some values, each labelled as given (sizes as 1K, 64K,
 * 1M). Its labels are plain text, so an SVG holds them as text (LogAxis's own are attributed
 * strings, which become outlines).
 */
final class TickedLogAxis extends LogAxis {
  private static final long serialVersionUID = 1L;

  private final Map<Double, String> ticks;

  /** An axis titled {@code title} with a tick at each key of {@code ticks}, labelled its value. */
  TickedLogAxis(String title, Map<Double, String> ticks) {
    super(title);
    this.ticks = new LinkedHashMap<>(ticks);
    setMinorTickMarksVisible(false);
  }

  @Override
  public List<NumberTick> refreshTicks(
      Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
    boolean across = RectangleEdge.isTopOrBottom(edge);
    List<NumberTick> list = new ArrayList<>();
    ticks.forEach(
        (value, label) ->
            list.add(
                new NumberTick(
                    value,
                    label,
                    across ? TextAnchor.TOP_CENTER : TextAnchor.CENTER_RIGHT,
                    TextAnchor.CENTER,
                    0)));
    return list;
  }
}
