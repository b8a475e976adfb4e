package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Checks on a {@link Figure}'s charts and the files drawn of them: what a reader would see. */
final class Pictures {
  private Pictures() {}

  /** The names of the lines of a panel (its first dataset's series), in order. */
  static List<String> names(JFreeChart panel) {
    XYDataset lines = panel.getXYPlot().getDataset();
    List<String> names = new ArrayList<>();
    for (int s = 0; s < lines.getSeriesCount(); s++) {
      names.add(lines.getSeriesKey(s).toString());
    }
    return names;
  }

  /** The items of {@code plot}'s own legend: its series' (but not the keys added beside them). */
  static List<LegendItem> legend(XYPlot plot) {
    LegendItemCollection items = plot.getLegendItems();
    List<LegendItem> list = new ArrayList<>();
    for (int i = 0; i < items.getItemCount(); i++) {
      list.add(items.get(i));
    }
    return list;
  }

  /**
   * Every series named in a panel's legend has points, and no two lines of a panel (the series of
   * its first dataset) look alike: each has its own colour or stroke.
   */
  static void assertEverySeriesDrawnAndToldApart(Figure figure) {
    for (JFreeChart panel : figure.panels()) {
      XYPlot plot = panel.getXYPlot();
      String title = panel.getTitle().getText();
      for (LegendItem item : legend(plot)) {
        XYDataset d = (XYDataset) item.getDataset();
        int s = item.getSeriesIndex();
        boolean drawn = false;
        for (int i = 0; i < d.getItemCount(s); i++) {
          drawn |= Double.isFinite(d.getYValue(s, i));
        }
        assertTrue(drawn, "'" + item.getLabel() + "' has no points in " + title);
      }
      XYItemRenderer r = plot.getRenderer();
      List<String> names = names(panel);
      for (int i = 0; i < names.size(); i++) {
        for (int j = i + 1; j < names.size(); j++) {
          String pair = "'" + names.get(i) + "' and '" + names.get(j) + "' in " + title;
          assertFalse(
              r.getSeriesPaint(i).equals(r.getSeriesPaint(j))
                  && r.getSeriesStroke(i).equals(r.getSeriesStroke(j)),
              pair);
        }
      }
    }
  }

  /**
   * {@code png} decodes to the figure's size, and inside each panel's data area every line shows in
   * its own colour on at least {@code minPixels} pixels: none is missing or hidden under another.
   */
  static void assertPngShowsEverySeries(Path png, Figure figure, int minPixels) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "not a readable image: " + png);
    assertEquals(figure.width(), image.getWidth(), "width");
    assertEquals(figure.height(), image.getHeight(), "height");
    List<Rectangle2D> areas = dataAreas(figure);
    for (int p = 0; p < areas.size(); p++) {
      XYItemRenderer r = figure.panels().get(p).getXYPlot().getRenderer();
      List<String> names = names(figure.panels().get(p));
      for (int s = 0; s < names.size(); s++) {
        int seen = pixels(image, areas.get(p), (Color) r.getSeriesPaint(s));
        assertTrue(seen >= minPixels, "'" + names.get(s) + "' shows on " + seen + " pixels");
      }
    }
  }

  /** The pixels in {@code area} of {@code image} that are {@code color}, give or take a little. */
  static int pixels(BufferedImage image, Rectangle2D area, Color color) {
    int count = 0;
    for (int y = (int) area.getMinY(); y < (int) area.getMaxY(); y++) {
      for (int x = (int) area.getMinX(); x < (int) area.getMaxX(); x++) {
        Color c = new Color(image.getRGB(x, y));
        int distance =
            Math.abs(c.getRed() - color.getRed())
                + Math.abs(c.getGreen() - color.getGreen())
                + Math.abs(c.getBlue() - color.getBlue());
        if (distance <= 24) {
          count++;
        }
      }
    }
    return count;
  }

  /** Where each panel's data lies in the figure, in order. */
  static List<Rectangle2D> dataAreas(Figure figure) {
    Graphics2D g = figure.image().createGraphics();
    try {
      return figure.paint(g);
    } finally {
      g.dispose();
    }
  }

  /** The labels of the ticks {@code axis} of {@code panel} of {@code figure} has as drawn. */
  static List<String> tickLabels(Figure figure, int panel, ValueAxis axis) {
    Rectangle2D area = dataAreas(figure).get(panel);
    RectangleEdge edge =
        axis == figure.panels().get(panel).getXYPlot().getDomainAxis()
            ? RectangleEdge.BOTTOM
            : RectangleEdge.LEFT;
    Graphics2D g = figure.image().createGraphics();
    try {
      List<?> ticks = axis.refreshTicks(g, new AxisState(), area, edge);
      return ticks.stream()
          .map(t -> ((ValueTick) t).getText())
          .filter(text -> text != null && !text.isEmpty())
          .toList();
    } finally {
      g.dispose();
    }
  }

  /**
   * {@code svg} is an SVG document of the figure's size, under {@code maxBytes}, whose text holds
   * every name in the panels' legends, and in which every line is a path in its colour.
   */
  static void assertSvgShowsEverySeries(Path svg, Figure figure, long maxBytes) throws IOException {
    long bytes = Files.size(svg);
    assertTrue(bytes < maxBytes, svg + " is " + bytes + " bytes");
    Document doc = parse(svg);
    Element root = doc.getDocumentElement();
    assertEquals("svg", root.getTagName());
    assertEquals("0 0 " + figure.width() + " " + figure.height(), root.getAttribute("viewBox"));
    assertEquals(figure.width() + "px", root.getAttribute("width"));
    assertEquals(figure.height() + "px", root.getAttribute("height"));
    List<String> texts = new ArrayList<>();
    NodeList textNodes = doc.getElementsByTagName("text");
    for (int i = 0; i < textNodes.getLength(); i++) {
      texts.add(textNodes.item(i).getTextContent());
    }
    List<String> styles = new ArrayList<>();
    NodeList paths = doc.getElementsByTagName("path");
    for (int i = 0; i < paths.getLength(); i++) {
      styles.add(((Element) paths.item(i)).getAttribute("style"));
    }
    for (JFreeChart panel : figure.panels()) {
      for (LegendItem item : legend(panel.getXYPlot())) {
        assertTrue(texts.contains(item.getLabel()), "'" + item.getLabel() + "' in " + svg);
      }
      XYItemRenderer r = panel.getXYPlot().getRenderer();
      List<String> names = names(panel);
      for (int s = 0; s < names.size(); s++) {
        Color c = (Color) r.getSeriesPaint(s);
        String stroke = "stroke:rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
        assertTrue(
            styles.stream().anyMatch(style -> style.contains(stroke)),
            "'" + names.get(s) + "' drawn in " + svg);
      }
    }
  }

  /** {@code svg} parsed, without fetching the DTD it names. */
  static Document parse(Path svg) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return factory.newDocumentBuilder().parse(svg.toFile());
    } catch (ParserConfigurationException | SAXException e) {
      throw new AssertionError("not an XML document: " + svg, e);
    }
  }
}
