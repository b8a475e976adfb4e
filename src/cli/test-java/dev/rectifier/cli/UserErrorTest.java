package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every subcommand given a few mistakes: each is one line on stderr naming what was wrong, exit 2,
 * and never a stack trace. DIR stands for an existing folder, MISSING for one that does not exist.
 */
class UserErrorTest {
  private static final String QUICK = " --repeats 1 --warmup 0 --warmup-ms 0 --backends cpu";

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "devices extra                                   | 'extra'",
        "devices --backend cpu                           | '--backend'",
        "verify --show x                                 | '--show'",
        "verify --backend                                | '--backend'",
        "verify --precision float extra                  | 'extra'",
        "bench --sizes 3 --output DIR" + QUICK + "       | '--output'",
        "bench --sizes 3 --output MISSING/b.csv" + QUICK + " | '--output'",
        "bench --sizes 3 --plot MISSING/b.png" + QUICK + "   | '--plot'",
        "bench --sizes 3 --plot DIR/b.gif" + QUICK + "   | '--plot'",
        "bench --sizes 1024M" + QUICK + "                | '--sizes'",
        "bench --sizes 2048M" + QUICK + "                | '--sizes'",
        "bench --sizes 3 --alpha 1e39" + QUICK + "       | '--alpha'",
        "bench --sizes 3 --alpha" + QUICK + "            | '--alpha'",
        "bench --sizes 3 --repeats 99999999999" + QUICK + " | '--repeats'",
        "bench --sizes 3 --backends cpu --warmup-ms 9223372036854775807 | '--warmup-ms'",
        "bench --sizes 3 --ops ," + QUICK + "            | '--ops'",
        "bench --sizes , " + QUICK + "                   | '--sizes'",
        "bench --sizes 3 --precision , " + QUICK + "     | '--precision'",
        "bench --sizes 3 --repeats 1 --backends ,        | '--backends'",
        "bench --sizes 1000 --ops prelu" + QUICK + "     | '--sizes'",
        "bench --sizes 3 --ops prelu --channels 0" + QUICK + " | '--channels'",
        "bench --sizes 3 --ops prelu-grad --inner -1" + QUICK + " | '--inner'",
        "plot --output DIR                               | '--output'",
        "plot --output MISSING/p.png                     | '--output'",
        "plot --output DIR/p                             | '--output'",
        "plot --range -1e308:1e308 --output DIR/p.png    | '--range'",
        "plot --range 1:1 --output DIR/p.png             | '--range'",
        "plot --alpha 1e308 --range -10:1 --output DIR/p.png | '--range'",
        "plot --alpha inf --output DIR/p.png             | '--alpha'",
        "plot --weights 1 --output DIR/p.png             | '--weights'",
        "plot --weights 1,NaN --output DIR/p.png         | '--weights'",
      })
  void isOneLineAndExitTwoWithoutAStackTrace(String command, String named) throws IOException {
    String[] args =
        command
            .strip()
            .replace("MISSING", dir.resolve("missing").toString())
            .replace("DIR", dir.toString())
            .split(" +");
    CliRun run = CliRun.of(args);
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains(named), run.transcript());
    assertFalse(run.err().contains("\tat "), run.transcript());
    assertFalse(run.err().contains("Exception"), run.transcript());
    try (var left = Files.list(dir)) {
      assertEquals(0, left.count(), "nothing written");
    }
  }
}
