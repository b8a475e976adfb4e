package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Checks on a {@link Figure} and the files drawn of it: what a reader would see. */
final class Pictures {
  private Pictures() {}

  /**
   * Every series of every panel has points, and no two series of a panel look alike: each has its
   * own colour and dash pattern.
   */
  static void assertEverySeriesDrawnAndToldApart(Figure figure) {
    for (Panel panel : figure.panels()) {
      List<Series> series = panel.series();
      for (Series s : series) {
        assertTrue(s.points() > 0, "'" + s.name() + "' has no points in " + panel.title());
      }
      for (int i = 0; i < series.size(); i++) {
        for (int j = i + 1; j < series.size(); j++) {
          Pen a = series.get(i).pen();
          Pen b = series.get(j).pen();
          String pair = "'" + series.get(i).name() + "' and '" + series.get(j).name() + "'";
          assertFalse(a.color().equals(b.color()) && Arrays.equals(a.dash(), b.dash()), pair);
        }
      }
    }
  }

  /**
   * {@code png} decodes to the figure's size, and inside each panel's frame every series shows in
   * its own colour on at least {@code minPixels} pixels: none is missing or hidden under another.
   */
  static void assertPngShowsEverySeries(Path png, Figure figure, int minPixels) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "not a readable image: " + png);
    assertEquals(figure.width(), image.getWidth(), "width");
    assertEquals(figure.height(), image.getHeight(), "height");
    List<Rectangle2D> frames = figure.paint(figure.image().createGraphics());
    for (int p = 0; p < frames.size(); p++) {
      for (Series s : figure.panels().get(p).series()) {
        int seen = pixels(image, frames.get(p), s.pen().color());
        assertTrue(seen >= minPixels, "'" + s.name() + "' shows on " + seen + " pixels of " + png);
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

  /**
   * {@code svg} is an SVG document of the figure's size, under {@code maxBytes}, whose text holds
   * every series' name, and in whose panels (the groups clipped to their frames, in order) every
   * series is a path in its colour.
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
    List<Element> frames = new ArrayList<>();
    NodeList groups = doc.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.hasAttribute("clip-path")) {
        frames.add(g);
      }
    }
    assertEquals(figure.panels().size(), frames.size(), "a clipped group per panel");
    for (int p = 0; p < frames.size(); p++) {
      NodeList paths = frames.get(p).getElementsByTagName("path");
      for (Series s : figure.panels().get(p).series()) {
        assertTrue(texts.contains(s.name()), "'" + s.name() + "' in the legend of " + svg);
        Color c = s.pen().color();
        String stroke = "stroke:rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
        boolean drawn = false;
        for (int i = 0; i < paths.getLength(); i++) {
          drawn |= ((Element) paths.item(i)).getAttribute("style").contains(stroke);
        }
        assertTrue(drawn, "'" + s.name() + "' drawn in its panel of " + svg);
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
