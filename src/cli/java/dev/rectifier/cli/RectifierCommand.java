package dev.rectifier.cli;

import dev.rectifier.RectifierException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code rectifier} command: {@code devices} lists the OpenCL devices and the auto choice,
 * {@code bench} times the backends, {@code verify} runs the contract suite on one, {@code plot}
 * draws the ops. Exit codes: 0 success, 1 failure, 2 bad usage; mistakes, and a chart that cannot
 * be drawn for want of a system library, print one line on stderr.
 */
@Command(
    name = "rectifier",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = RectifierCommand.Version.class,
    description = "ReLU, Leaky ReLU, PReLU and their gradients on OpenCL or the Java CPU backend.",
    subcommands = {
      DevicesCommand.class,
      BenchCommand.class,
      VerifyCommand.class,
      PlotCommand.class
    })
public final class RectifierCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(Report.toStandardOutput(), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs the command line with its report going to {@code out}; a report that could not be written
   * whole is a failure (one line on {@code err}, exit code 1), a closed pipe ends it quietly.
   */
  static int run(Report out, PrintWriter err, String... args) {
    int exitCode = commandLine().setOut(out).setErr(err).execute(args);
    try {
      out.finish();
    } catch (CommandFailure e) {
      err.println("rectifier: " + e.getMessage());
      return 1;
    }
    return exitCode;
  }

  /**
   * The command line {@link #main} runs: {@code rectifier} with its subcommands, printing usage
   * errors and expected failures (OpenCL errors, bad settings) as one line on stderr.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new RectifierCommand())
        .setParameterExceptionHandler(RectifierCommand::usageError)
        .setExecutionExceptionHandler(RectifierCommand::failure);
  }

  /** {@code rectifier} without a subcommand is a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandSpec command = e.getCommandLine().getCommandSpec();
    String name = command.qualifiedName();
    e.getCommandLine()
        .getErr()
        .println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
    return command.exitCodeOnInvalidInput();
  }

  private static int failure(Exception e, CommandLine command, ParseResult parsed)
      throws Exception {
    if (!(e instanceof RectifierException
        || e instanceof IllegalArgumentException
        || e instanceof CommandFailure)) {
      throw e; // a bug: picocli prints the stack trace and exits with 1
    }
    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    return command.getCommandSpec().exitCodeOnExecutionException();
  }

  /** The version Maven recorded in the packaged jar. */
  static final class Version implements IVersionProvider {
    private static final String POM_PROPERTIES =
        "/META-INF/maven/dev.rectifier/rectifier/pom.properties";

    @Override
    public String[] getVersion() throws IOException {
      Properties pom = new Properties();
      try (InputStream in = RectifierCommand.class.getResourceAsStream(POM_PROPERTIES)) {
        if (in != null) {
          pom.load(in);
        }
      }
      return new String[] {
        "rectifier " + pom.getProperty("version", "(unpackaged build)"),
        "Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name")
      };
    }
  }
}
