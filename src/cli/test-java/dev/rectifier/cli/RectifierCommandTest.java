package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RectifierCommandTest {

  @Test
  void helpListsTheSubcommands() {
    CliRun run = CliRun.of("--help");
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains("devices"), run.transcript());
    assertTrue(run.out().contains("bench"), run.transcript());
    assertTrue(run.out().contains("verify"), run.transcript());
    assertTrue(run.out().contains("plot"), run.transcript());
  }

  @Test
  void versionNamesTheProgram() {
    CliRun run = CliRun.of("--version");
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().startsWith("rectifier "), run.transcript());
  }

  @Test
  void noSubcommandIsAOneLineUsageError() {
    CliRun run = CliRun.of();
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("Missing required subcommand"), run.transcript());
  }

  @Test
  void anUnknownSubcommandIsAOneLineUsageError() {
    CliRun run = CliRun.of("benchmark");
    assertEquals(2, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("'benchmark'"), run.transcript());
  }
}
