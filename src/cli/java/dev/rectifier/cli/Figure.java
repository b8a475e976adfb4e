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

/**
 * A picture of {@code plot} or {@code bench --plot}: a title, lines of subtitle, and its panels in
 * a grid, row by row, written as PNG or SVG by the file's name.
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
    List<Panel> panels,
    int columns,
    int panelWidth,
    int panelHeight) {
  private static final int LINE = 17;

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
    int rows = (panels.size() + columns - 1) / columns;
    return header() + rows * panelHeight;
  }

  private int header() {
    return 12 + 20 + subtitle.size() * LINE + 6;
  }

  /**
   * Writes the picture to {@code file}, SVG if its name ends with .svg, else PNG; a {@link
   * Charts.Failure} when Java's graphics stack cannot draw it.
   */
  void write(Path file) throws IOException {
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
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      paint(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Draws the picture; returns each panel's frame, the area that holds its data, in order. */
  List<Rectangle2D> paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width(), height());
    g.setColor(Color.BLACK);
    g.setFont(Panel.TITLE.deriveFont(17f));
    int y = 12 + g.getFontMetrics().getAscent();
    g.drawString(title, 12, y);
    g.setFont(Panel.TEXT);
    g.setColor(new Color(70, 70, 70));
    for (String line : subtitle) {
      y += LINE;
      g.drawString(line, 12, y);
    }
    int legendRows = panels.stream().mapToInt(p -> p.legendRows(g, panelWidth)).max().orElse(0);
    List<Rectangle2D> frames = new ArrayList<>();
    for (int i = 0; i < panels.size(); i++) {
      Rectangle2D cell =
          new Rectangle2D.Double(
              (i % columns) * panelWidth,
              header() + (i / columns) * panelHeight,
              panelWidth,
              panelHeight);
      frames.add(panels.get(i).paint(g, cell, legendRows));
    }
    return frames;
  }
}
