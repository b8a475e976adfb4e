package dev.rectifier.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --alpha}, the Leaky ReLU slope, for the commands that take one. */
final class AlphaOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--alpha",
      paramLabel = "ALPHA",
      defaultValue = "0.01",
      description = "Leaky ReLU slope, finite (default: ${DEFAULT-VALUE}).")
  double alpha;

  /** The slope, once it is known to be finite; a usage error otherwise. */
  double value() {
    Usage.require(Double.isFinite(alpha), mixee, "--alpha", "must be finite but was " + alpha);
    return alpha;
  }
}
