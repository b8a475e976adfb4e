package dev.rectifier.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The usage error for a bad option value: one line on stderr and exit code 2. */
final class Usage {
  private Usage() {}

  /** {@code Invalid value for option 'OPTION': PROBLEM}, for {@code spec}'s command. */
  static ParameterException invalid(CommandSpec spec, String option, String problem) {
    return new ParameterException(
        spec.commandLine(), "Invalid value for option '" + option + "': " + problem);
  }

  /** Throws {@link #invalid} unless {@code ok}. */
  static void require(boolean ok, CommandSpec spec, String option, String problem) {
    if (!ok) {
      throw invalid(spec, option, problem);
    }
  }
}
