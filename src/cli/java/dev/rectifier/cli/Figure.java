package dev.rectifier.cli;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleInsets;

/**
 * A picture of {@code plot} or {@code bench --plot}: a title, lines of subtitle, and its panels (a
 * chart each) in a grid, row by row, written as PNG or SVG by the file's name.
 *
 * @param title the heading
 * @param subtitle lines under it
 * @param panels the charts
 * @param columns panels a row
 * @param panelWidth pixels
 * @param panelHeight pixels
 */
record Figure(
    String title,
    List<String> subtitle,
    List<JFreeChart> panels,
    int columns,
    int panelWidth,
    int panelHeight) {
  Figure {
    subtitle = List.copyOf(subtitle);
    panels = List.copyOf(panels);
  }

  /** Whether {@code file}'s name ends with .png or .svg (in any case), the formats written. */
  static boolean writes(Path file) {
    String name = file.toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".png") || name.endsWith(".svg");
  }

  int width() {
    return columns * panelWidth;
  }

  int height() {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      return (int) Math.ceil(headerHeight(g)) + rows() * panelHeight;
    } finally {
      g.dispose();
    }
  }

  private int rows() {
    return (panels.size() + columns - 1) / columns;
  }

  /**
   * Writes the picture to {@code file}, SVG if its name ends with .svg, else PNG; a {@link
   * CommandFailure} when Java's graphics stack cannot draw it.
   */
  void write(Path file) throws IOException {
    // JFreeChart draws rotated text (the y axes' titles) as outlines unless told not to; as text an
    // SVG is a fraction of the size, and a PNG looks the same.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
    boolean svg = file.toString().toLowerCase(Locale.ROOT).endsWith(".svg");
    Charts.write(
        file,
        out -> {
          if (svg) {
            VectorGraphics2D g = new VectorGraphics2D();
            paint(g);
            new SVGProcessor()
                .getDocument(g.getCommands(), new PageSize(0, 0, width(), height()))
                .writeTo(out);
          } else {
            ImageIO.write(image(), "png", out);
          }
        });
  }

  /** The picture as an image. */
  BufferedImage image() {
    BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      paint(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Draws the picture; returns the area that holds each panel's data, in order. */
  List<Rectangle2D> paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width(), height());
    double y = 0;
    for (TextTitle t : header()) {
      double h = height(t, g);
      t.draw(g, new Rectangle2D.Double(0, y, width(), h));
      y += h;
    }
    List<Rectangle2D> areas = new ArrayList<>();
    for (int i = 0; i < panels.size(); i++) {
      ChartRenderingInfo info = new ChartRenderingInfo();
      panels
          .get(i)
          .draw(
              g,
              new Rectangle2D.Double(
                  (i % columns) * panelWidth,
                  y + (i / columns) * panelHeight,
                  panelWidth,
                  panelHeight),
              info);
      areas.add(info.getPlotInfo().getDataArea());
    }
    return areas;
  }

  private double headerHeight(Graphics2D g) {
    return header().stream().mapToDouble(t -> height(t, g)).sum();
  }

  /** The title, then the subtitle, left-aligned and wrapped to the picture's width. */
  private List<TextTitle> header() {
    TextTitle heading = new TextTitle(title, ChartStyle.TITLE.deriveFont(17f));
    TextTitle lines = new TextTitle(String.join("\n", subtitle), ChartStyle.TEXT);
    lines.setPaint(new Color(70, 70, 70));
    for (TextTitle t : List.of(heading, lines)) {
      t.setHorizontalAlignment(HorizontalAlignment.LEFT);
      t.setTextAlignment(HorizontalAlignment.LEFT);
      t.setPadding(new RectangleInsets(4, 12, 4, 12));
    }
    return List.of(heading, lines);
  }

  private double height(TextTitle t, Graphics2D g) {
    return t.arrange(
            g,
            new RectangleConstraint(
                width(), null, LengthConstraintType.FIXED, 0, null, LengthConstraintType.NONE))
        .getHeight();
  }
}
