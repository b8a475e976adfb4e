package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A chart that Java's graphics stack cannot draw (a system library missing, no fonts) is one line
 * saying what to install, exit code 1, and no half-written file. The errors are the ones Java 17
 * throws in those cases, injected: the real ones need a broken system (see scripts/dist).
 */
class ChartsTest {
  /** What Debian's Java 17 throws when libfreetype6 is not installed. */
  private static final String NO_FREETYPE =
      "/opt/rectifier/runtime/lib/libfontmanager.so: libfreetype.so.6: cannot open shared object"
          + " file: No such file or directory";

  @TempDir Path dir;

  @Test
  void aMissingSystemLibraryIsOneLineNamingItAndItsPackage() {
    Path png = dir.resolve("chart.png");
    CliRun run = failingDraw(png, new UnsatisfiedLinkError(NO_FREETYPE));
    assertEquals(1, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().startsWith("rectifier draw: cannot draw " + png), run.transcript());
    assertTrue(run.err().contains("libfreetype.so.6"), run.transcript());
    assertTrue(run.err().contains("apt-get install libfreetype6"), run.transcript());
    assertTrue(Files.notExists(png), "the half-written file is removed");
  }

  @Test
  void noFontsIsOneLineSayingWhatToInstall() {
    Path png = dir.resolve("chart.png");
    CliRun run = failingDraw(png, new Error("Probable fatal error: No physical fonts found."));
    assertEquals(1, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("No physical fonts found"), run.transcript());
    assertTrue(run.err().contains("fonts-dejavu-core"), run.transcript());
  }

  @Test
  void aFailureDeepInTheFontStackIsNamedByItsRootCause() {
    Error e =
        new InternalError(
            new java.lang.reflect.InvocationTargetException(
                new RuntimeException(
                    "Fontconfig head is null, check your fonts or fonts configuration")));
    CommandFailure failure = assertThrows(CommandFailure.class, writingAChartThatThrows(e));
    assertTrue(failure.getMessage().contains("Fontconfig head is null"), failure.getMessage());
    assertSame(e, failure.getCause());
  }

  @Test
  void aRuntimeExceptionOfJavasGraphicsStackIsAFailureToo() {
    // Java 25 throws this one as it is, where Java 17 wraps it in an InternalError.
    RuntimeException e =
        new RuntimeException("Fontconfig head is null, check your fonts or fonts configuration");
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              null, "java.desktop", null, "sun.awt.FontConfiguration", "getVersion", null, -1)
        });
    Path png = dir.resolve("chart.png");
    CliRun run = failingDraw(png, e);
    assertEquals(1, run.exitCode(), run.transcript());
    assertEquals(1, run.err().lines().count(), run.transcript());
    assertTrue(run.err().contains("Fontconfig head is null"), run.transcript());
    assertTrue(run.err().contains("apt-get install libfontconfig1"), run.transcript());
    assertTrue(Files.notExists(png), "the half-written file is removed");
  }

  @Test
  void aRuntimeExceptionFromElsewhereIsNotMistakenForTheGraphicsStack() {
    assertPassesThrough(new IllegalStateException("a bug in the chart"));
  }

  @Test
  void aMissingLibraryWithoutAKnownPackageStillNamesTheLibrary() {
    Error missing =
        new UnsatisfiedLinkError(
            "/x/lib/libawt.so: libunheard.so.3: cannot open shared object file: No such file or"
                + " directory");
    CommandFailure failure = assertThrows(CommandFailure.class, writingAChartThatThrows(missing));
    assertTrue(failure.getMessage().contains("libunheard.so.3 is missing"), failure.getMessage());
    assertEquals(1, failure.getMessage().lines().count(), failure.getMessage());
  }

  @Test
  void runningOutOfMemoryIsNotMistakenForAMissingLibrary() {
    assertPassesThrough(new OutOfMemoryError("Java heap space"));
  }

  /** What drawing throws, other than the graphics stack's failures, reaches the caller as is. */
  private void assertPassesThrough(Throwable problem) {
    assertSame(problem, assertThrows(problem.getClass(), writingAChartThatThrows(problem)));
  }

  /** Writing {@code c.png} with a chart whose drawing throws {@code problem}. */
  private Executable writingAChartThatThrows(Throwable problem) {
    return () ->
        Charts.write(
            dir.resolve("c.png"),
            out -> {
              if (problem instanceof RuntimeException e) {
                throw e;
              }
              throw (Error) problem;
            });
  }

  @Test
  void drawsHeadless() throws IOException {
    Charts.write(dir.resolve("c.png"), out -> out.write(1));
    assertEquals("true", System.getProperty("java.awt.headless"));
    assertEquals(1, Files.size(dir.resolve("c.png")));
  }

  /** {@code rectifier draw}: the command line with a command whose chart fails with {@code e}. */
  private static CliRun failingDraw(Path file, Throwable e) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Callable<Integer> draw =
        () -> {
          Charts.write(
              file,
              o -> {
                o.write(new byte[] {1, 2, 3}); // part of a PNG, then the failure
                if (e instanceof Error error) {
                  throw error;
                }
                throw (RuntimeException) e;
              });
          return 0;
        };
    int exitCode =
        RectifierCommand.commandLine()
            .addSubcommand("draw", new CommandLine(new Draw(draw)))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute("draw");
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  @Command(name = "draw")
  static final class Draw implements Callable<Integer> {
    private final Callable<Integer> body;

    Draw(Callable<Integer> body) {
      this.body = body;
    }

    @Override
    public Integer call() throws Exception {
      return body.call();
    }
  }
}
