package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlotCommandTest {
  /** The command's default PReLU weights. */
  private static final double[] WEIGHTS = {0.25, -0.5};

  @TempDir Path dir;

  private static Figure figure(double from, double to, double alpha) {
    return OpsPlot.figure(from, to, alpha, WEIGHTS);
  }

  /** Ranges and alphas where relu and leaky-relu coincide on one side of 0, both, or neither. */
  @ParameterizedTest
  @CsvSource({"-2:2, 0.2", "-2:2, 0", "-2:2, 1", "-1e-3:1e-3, 1.5", "-3:-1, -0.5", "0:4, 0.01"})
  void everyCurveHasPointsAndNoTwoLookAlike(String range, double alpha) {
    double[] bounds = {
      Double.parseDouble(range.split(":")[0]), Double.parseDouble(range.split(":")[1])
    };
    Figure figure = figure(bounds[0], bounds[1], alpha);
    assertEquals(4, figure.panels().size());
    Pictures.assertEverySeriesDrawnAndToldApart(figure);
  }

  @ParameterizedTest
  @CsvSource({"0.2, 'x > 0'", "0, everywhere", "1, 'x > 0'", "-0.5, 'x > 0'"})
  void aCurveOnAnotherSaysWhereInTheLegend(double alpha, String where) {
    for (JFreeChart panel : figure(-2, 2, alpha).panels().subList(0, 2)) {
      List<String> names = Pictures.names(panel);
      String first = names.get(0);
      assertFalse(first.contains("(="), first);
      assertTrue(
          names
              .get(1)
              .endsWith("(= " + first + (where.equals("everywhere") ? " " : " for ") + where + ")"),
          names.toString());
    }
  }

  @Test
  void theValueAtZeroIsAFilledDotAndTheLimitFromTheOtherSideAnOpenOne() {
    List<JFreeChart> panels = figure(-2, 2, 0.25).panels();
    assertEquals(
        List.of(
            "relu(x) at 0 = 0.0, filled",
            "leaky-relu(x), alpha 0.25 (= relu(x) for x > 0)" + " at 0 = 0.0, filled"),
        dots(panels.get(0)),
        "relu and leaky-relu are continuous");
    assertEquals(
        List.of(
            "relu'(x) at 0 = 0.0, filled",
            "relu'(x) as x goes to 0 from above = 1.0, open",
            "leaky-relu'(x), alpha 0.25 (= relu'(x) for x > 0) at 0 = 0.25, filled",
            "leaky-relu'(x), alpha 0.25 (= relu'(x) for x > 0) as x goes to 0 from above = 1.0,"
                + " open"),
        dots(panels.get(1)),
        "relu'(0) = 0 and leaky-relu'(0) = alpha, 1 from the right");
    assertEquals(List.of(), dots(figure(1, 2, 0.25).panels().get(1)));
    assertEquals(
        List.of(
            "prelu'(x), w = 0.25 at 0 = 0.25, filled",
            "prelu'(x), w = 0.25 as x goes to 0 from above = 1.0, open",
            "prelu'(x), w = -0.5 (= prelu'(x), w = 0.25 for x > 0) at 0 = -0.5, filled",
            "prelu'(x), w = -0.5 (= prelu'(x), w = 0.25 for x > 0) as x goes to 0 from above ="
                + " 1.0, open"),
        dots(panels.get(3)),
        "prelu'(0) = w in each channel, 1 from the right");
  }

  /** Each dot of {@code panel}: its series, the value at 0, and whether it is filled. */
  private static List<String> dots(JFreeChart panel) {
    XYPlot plot = panel.getXYPlot();
    XYDataset dots = plot.getDataset(OpsPlot.DOTS);
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer(OpsPlot.DOTS);
    List<String> all = new ArrayList<>();
    for (int s = 0; s < dots.getSeriesCount(); s++) {
      for (int i = 0; i < dots.getItemCount(s); i++) {
        assertEquals(0, dots.getXValue(s, i));
        all.add(
            dots.getSeriesKey(s)
                + " = "
                + dots.getYValue(s, i)
                + (r.getSeriesShapesFilled(s) ? ", filled" : ", open"));
      }
    }
    return all;
  }

  @ParameterizedTest
  @CsvSource({"-1e-3:1e-3, 1.5", "-3e-4:1e-3, 1.5", "-2:2, 0.2", "-1e300:1e300, 0.5"})
  void everyAxisHasRoundTicksThroughZero(String range, double alpha) {
    String[] bounds = range.split(":");
    Figure figure = figure(Double.parseDouble(bounds[0]), Double.parseDouble(bounds[1]), alpha);
    for (int p = 0; p < 2; p++) {
      XYPlot plot = figure.panels().get(p).getXYPlot();
      for (ValueAxis axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
        List<String> labels = Pictures.tickLabels(figure, p, axis);
        assertRoundThroughZero(labels);
      }
    }
  }

  /** {@code labels} are 4 to 12 numbers, 0 among them, 1, 2, 2.5 or 5 times a power of 10 apart. */
  private static void assertRoundThroughZero(List<String> labels) {
    assertTrue(labels.size() >= 4 && labels.size() <= 12, labels.toString());
    double[] v = labels.stream().mapToDouble(Double::parseDouble).toArray();
    assertTrue(Arrays.stream(v).anyMatch(x -> x == 0), "0 among " + labels);
    BigDecimal step =
        new BigDecimal(labels.get(1)).subtract(new BigDecimal(labels.get(0))).stripTrailingZeros();
    assertTrue(
        List.of("1", "2", "25", "5").contains(step.unscaledValue().toString()),
        "step " + step + " of " + labels);
    for (int i = 1; i < labels.size(); i++) {
      assertEquals(
          0,
          new BigDecimal(labels.get(i)).subtract(new BigDecimal(labels.get(i - 1))).compareTo(step),
          "evenly apart: " + labels);
    }
  }

  @Test
  void writesAPngThatShowsEveryCurveEvenWhereTheyCoincide() throws IOException {
    Path png = dir.resolve("ops.png");
    CliRun run = CliRun.of("plot", "--range", "-3:1.5", "--alpha", "0", "--output", png.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    Pictures.assertPngShowsEverySeries(png, figure(-3, 1.5, 0), 200);
  }

  @Test
  void writesASmallSvgThatShowsEveryCurve() throws IOException {
    Path svg = dir.resolve("ops.svg");
    CliRun run = CliRun.of("plot", "--alpha", "0.2", "--output", svg.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    Pictures.assertSvgShowsEverySeries(svg, figure(-2, 2, 0.2), 100_000); // four panels
  }

  @ParameterizedTest
  @CsvSource({
    "--range, 2:1",
    "--range, a:b",
    "--range, -2",
    "--range, 0:Infinity",
    "--range, -1e308:1e308",
    "--range, -1.7e308:1.7e308",
    "--alpha, NaN",
    "--output, ops.gif",
  })
  void aBadValueIsAOneLineUsageErrorNamingTheOption(String option, String value) {
    String output = dir.resolve("never.png").toString();
    CliRun run =
        option.equals("--output")
            ? CliRun.of("plot", option, value)
            : CliRun.of("plot", option, value, "--output", output);
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("'" + option + "'"), run.transcript());
    assertTrue(Files.notExists(dir.resolve("never.png")));
  }

  @ParameterizedTest
  @CsvSource({"-1e300:1, 1e10", "-2:2, 1e308", "-1e308:1e307, 2"})
  void aRangeWhoseLeakyReluOverflowsIsAUsageErrorNamingTheRange(String range, String alpha) {
    Path png = dir.resolve("never.png");
    CliRun run = CliRun.of("plot", "--range", range, "--alpha", alpha, "--output", png.toString());
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("'--range'"), run.transcript());
    assertTrue(Files.notExists(png));
  }

  @Test
  void wideRangesAndAlphasThatFitADoubleAreDrawn() throws IOException {
    Path png = dir.resolve("wide.png");
    for (String[] rangeAndAlpha :
        new String[][] {
          {"-1e300:1e300", "0.5"}, {"-2:2", "1e39"}, {"-8e307:8e307", "1"}, {"-1.7e308:0", "0.01"}
        }) {
      CliRun run =
          CliRun.of(
              "plot",
              "--range",
              rangeAndAlpha[0],
              "--alpha",
              rangeAndAlpha[1],
              "--output",
              png.toString());
      assertEquals(0, run.exitCode(), run.transcript());
      assertNotNull(ImageIO.read(png.toFile()), "a readable image");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Unwritable.MISSING_FOLDER, Unwritable.A_FOLDER, Unwritable.PROC})
  void anOutputThatCannotBeWrittenIsAUsageError(String kind) throws IOException {
    Path file = Unwritable.path(kind, dir, "ops.png");
    CliRun run = CliRun.of("plot", "--output", file.toString());
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals("", run.out(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("'--output'"), run.transcript());
    assertTrue(run.err().contains(file.toString()), run.transcript());
  }

  @Test
  void theOutputIsRequired() {
    CliRun run = CliRun.of("plot");
    assertEquals(2, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("--output"), run.transcript());
  }
}
