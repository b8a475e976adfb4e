package dev.rectifier.cli;

/**
 * An expected failure of a command that is not the user's usage mistake (a chart that cannot be
 * drawn, a backend that may not be skipped): the command prints its message as one line on stderr
 * and exits with 1.
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailure(String message) {
    super(message);
  }

  CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
