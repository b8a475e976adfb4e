package dev.rectifier.cli;

import dev.rectifier.Precision;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --precision float,double,half,bfloat16}. The default is float; a command that wants
 * another names it in a {@link picocli.CommandLine.IDefaultValueProvider}.
 */
final class PrecisionOption {
  @Option(
      names = "--precision",
      split = ",",
      paramLabel = "TYPE",
      converter = EnumNames.Precisions.class,
      defaultValue = "float",
      description =
          "float, double, half (IEEE binary16), bfloat16; the 16-bit ones are computed in float"
              + " (default: ${DEFAULT-VALUE}).")
  List<Precision> precisions;

  /** The precisions asked for, each once, in the order given. */
  List<Precision> values() {
    return precisions.stream().distinct().toList();
  }
}
