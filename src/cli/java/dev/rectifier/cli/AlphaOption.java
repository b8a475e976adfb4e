package dev.rectifier.cli;

import dev.rectifier.Precision;
import java.util.List;
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
      description =
          "Leaky ReLU slope, finite, and finite as a float where float, half or bfloat16 is"
              + " benched (default: ${DEFAULT-VALUE}).")
  double alpha;

  /** The slope, once it is known to be finite; a usage error otherwise. */
  double value() {
    Usage.require(Double.isFinite(alpha), mixee, "--alpha", "must be finite but was " + alpha);
    return alpha;
  }

  /**
   * The slope for ops run in {@code precisions}: finite, and where float, half or bfloat16 is among
   * them finite as a float too, since their ops take {@code (float) alpha}; a usage error
   * otherwise.
   */
  double value(List<Precision> precisions) {
    double value = value();
    Usage.require(
        precisions.stream().allMatch(p -> p == Precision.DOUBLE) || Float.isFinite((float) value),
        mixee,
        "--alpha",
        "must be finite as a float when float, half or bfloat16 is benched (at most "
            + Float.MAX_VALUE
            + " in magnitude) but was "
            + alpha);
    return value;
  }
}
