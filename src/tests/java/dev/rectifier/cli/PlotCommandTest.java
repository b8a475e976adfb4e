package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlotCommandTest {
  @TempDir Path dir;

  /** Ranges and alphas where relu and leaky-relu coincide on one side of 0, both, or neither. */
  @ParameterizedTest
  @CsvSource({"-2:2, 0.2", "-2:2, 0", "-2:2, 1", "-1e-3:1e-3, 1.5", "-3:-1, -0.5", "0:4, 0.01"})
  void everyCurveHasPointsAndNoTwoLookAlike(String range, double alpha) {
    double[] bounds = {
      Double.parseDouble(range.split(":")[0]), Double.parseDouble(range.split(":")[1])
    };
    Figure figure = OpsPlot.figure(bounds[0], bounds[1], alpha);
    assertEquals(2, figure.panels().size());
    Pictures.assertEverySeriesDrawnAndToldApart(figure);
  }

  @ParameterizedTest
  @CsvSource({"0.2, 'x > 0'", "0, everywhere", "1, 'x > 0'", "-0.5, 'x > 0'"})
  void aCurveOnAnotherSaysWhereInTheLegend(double alpha, String where) {
    for (Panel panel : OpsPlot.figure(-2, 2, alpha).panels()) {
      List<String> names = panel.series().stream().map(Series::name).toList();
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
    List<Panel> panels = OpsPlot.figure(-2, 2, 0.25).panels();
    assertEquals(
        List.of(List.of(new Series.Dot(0, 0, true)), List.of(new Series.Dot(0, 0, true))),
        panels.get(0).series().stream().map(Series::dots).toList(),
        "relu and leaky-relu are continuous");
    assertEquals(
        List.of(
            List.of(new Series.Dot(0, 0, true), new Series.Dot(0, 1, false)),
            List.of(new Series.Dot(0, 0.25, true), new Series.Dot(0, 1, false))),
        panels.get(1).series().stream().map(Series::dots).toList(),
        "relu'(0) = 0 and leaky-relu'(0) = alpha, 1 from the right");
    assertEquals(List.of(), OpsPlot.figure(1, 2, 0.25).panels().get(1).series().get(0).dots());
  }

  @Test
  void aSmallRangeReadsAsRoundTicksThroughZeroOnSeparateAxes() {
    Figure figure = OpsPlot.figure(-1e-3, 1e-3, 1.5);
    Panel functions = figure.panels().get(0);
    Panel derivatives = figure.panels().get(1);
    assertEquals(List.of("-0.001", "-0.0005", "0", "0.0005", "0.001"), labels(functions.x()));
    assertEquals(
        List.of("-0.0015", "-0.001", "-0.0005", "0", "0.0005", "0.001"), labels(functions.y()));
    assertEquals(List.of("0", "0.5", "1", "1.5"), labels(derivatives.y()));
    assertEquals(
        List.of("-0.0002", "0", "0.0002", "0.0004", "0.0006", "0.0008", "0.001"),
        labels(OpsPlot.figure(-3e-4, 1e-3, 1.5).panels().get(0).x()),
        "an asymmetric range");
  }

  @Test
  void writesAPngThatShowsEveryCurveEvenWhereTheyCoincide() throws IOException {
    Path png = dir.resolve("ops.png");
    CliRun run = CliRun.of("plot", "--range", "-3:1.5", "--alpha", "0", "--output", png.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    Pictures.assertPngShowsEverySeries(png, OpsPlot.figure(-3, 1.5, 0), 200);
  }

  @Test
  void writesASmallSvgThatShowsEveryCurve() throws IOException {
    Path svg = dir.resolve("ops.svg");
    CliRun run = CliRun.of("plot", "--alpha", "0.2", "--output", svg.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    Pictures.assertSvgShowsEverySeries(svg, OpsPlot.figure(-2, 2, 0.2), 50_000);
  }

  private static List<String> labels(Axis axis) {
    return axis.ticks().stream().map(Axis.Tick::label).toList();
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
