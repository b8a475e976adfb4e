package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.ChildJvm;
import java.io.File;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that cannot be written is a failure, never lost in silence: exit code 1 and one line
 * naming where it went and why ({@code /dev/full} fails every write with "No space left on
 * device"); a reader that closes the pipe early ends the command quietly.
 */
class LostWriteTest {
  private static final Path FULL = Path.of("/dev/full");
  private static final List<String> SHORT_BENCH =
      List.of(
          "bench",
          "--backends",
          "cpu",
          "--sizes",
          "1K",
          "--ops",
          "relu",
          "--warmup",
          "1",
          "--warmup-ms",
          "1",
          "--repeats",
          "1");

  @Test
  void devicesAndVerifyToAFullStandardOutputFail() throws IOException {
    for (String[] args :
        List.of(new String[] {"devices"}, new String[] {"verify", "--backend", "cpu"})) {
      StringWriter err = new StringWriter();
      int exitCode =
          RectifierCommand.run(
              Report.to(new FileWriter(FULL.toFile(), StandardCharsets.UTF_8), "standard output"),
              new PrintWriter(err, true),
              args);

      assertEquals(1, exitCode, args[0] + ": " + err);
      assertEquals(
          "rectifier: cannot write standard output: No space left on device",
          err.toString().strip(),
          args[0]);
    }
  }

  @Test
  void benchOutputToAFullDeviceFails() {
    CliRun run = CliRun.of(withOptions("--output", FULL.toString()));

    assertEquals(1, run.exitCode(), run.transcript());
    assertEquals(
        "rectifier bench: cannot write /dev/full: No space left on device",
        run.err().strip(),
        run.transcript());
  }

  @Test
  void picturesToAFullDeviceFailInOneLine(@TempDir Path folder) throws IOException {
    Path png = Files.createSymbolicLink(folder.resolve("ops.png"), FULL);
    Path svg = Files.createSymbolicLink(folder.resolve("bench.svg"), FULL);

    for (CliRun run :
        List.of(
            CliRun.of("plot", "--output", png.toString()),
            CliRun.of(withOptions("--plot", svg.toString())))) {
      assertEquals(1, run.exitCode(), run.transcript());
      assertTrue(
          run.err()
              .strip()
              .matches("rectifier (plot|bench): cannot write .*: No space left on device"),
          run.transcript());
      assertEquals(1, run.err().strip().lines().count(), "one line: " + run.transcript());
      assertTrue(Files.isSymbolicLink(png) && Files.isSymbolicLink(svg), "the links stay");
    }
  }

  @Test
  void aClosedPipeIsNoFailure() {
    StringWriter err = new StringWriter();
    Writer closedPipe =
        new Writer() {
          @Override
          public void write(char[] chars, int offset, int length) throws IOException {
            throw new IOException("Broken pipe");
          }

          @Override
          public void flush() throws IOException {
            throw new IOException("Broken pipe");
          }

          @Override
          public void close() {}
        };

    int exitCode =
        RectifierCommand.run(
            Report.to(closedPipe, "standard output"), new PrintWriter(err, true), "devices");

    assertEquals(0, exitCode, err.toString());
    assertEquals("", err.toString());
  }

  /** {@code rectifier bench | head -0}: a real pipe whose reader is gone before the report. */
  @Test
  void aReaderThatStopsEarlyEndsTheBenchQuietly(@TempDir Path folder) throws Exception {
    File err = folder.resolve("err").toFile();
    Process child =
        new ProcessBuilder(
                ChildJvm.command(
                    RectifierCommand.class, List.of(), SHORT_BENCH.toArray(String[]::new)))
            .redirectError(err)
            .start();
    child.getInputStream().close();

    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the bench ends");
    String stderr = Files.readString(err.toPath());
    assertEquals(0, child.exitValue(), stderr);
    assertTrue(!stderr.contains("cannot write") && !stderr.contains("Exception"), stderr);
  }

  private static String[] withOptions(String... more) {
    return java.util.stream.Stream.concat(SHORT_BENCH.stream(), List.of(more).stream())
        .toArray(String[]::new);
  }
}
