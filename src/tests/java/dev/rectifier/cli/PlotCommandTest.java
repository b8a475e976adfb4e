package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlotCommandTest {
  @TempDir Path dir;

  @Test
  void writesAPngThatDecodes() throws IOException {
    Path png = dir.resolve("ops.png");
    CliRun run =
        CliRun.of("plot", "--range", "-3:1.5", "--alpha", "0.2", "--output", png.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "not a readable image: " + png);
    assertEquals(800, image.getWidth());
    assertEquals(560, image.getHeight());
  }

  @Test
  void writesACompleteSvgOfTheChartsSize() throws IOException {
    Path svg = dir.resolve("ops.svg");
    CliRun run = CliRun.of("plot", "--output", svg.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    String text = Files.readString(svg);
    assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
    assertTrue(text.contains("viewBox=\"0 0 800 560\""), "the chart's size");
    assertTrue(text.strip().endsWith("</svg>"), "a complete document");
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
