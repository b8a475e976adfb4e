package dev.rectifier.cli;

import dev.rectifier.Precision;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Enum constants by their command-line name: the constant's name in lower case with hyphens, e.g.
 * {@code relu-grad} for {@link BenchOp#RELU_GRAD}, {@code double} for {@link Precision#DOUBLE}.
 */
abstract class EnumNames<E extends Enum<E>> implements ITypeConverter<E> {
  private final Class<E> type;

  EnumNames(Class<E> type) {
    this.type = type;
  }

  /** The command-line name of {@code constant}. */
  static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public E convert(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (E constant : constants()) {
      if (of(constant).equals(wanted)) {
        return constant;
      }
    }
    String names = Arrays.stream(constants()).map(EnumNames::of).collect(Collectors.joining(", "));
    throw new TypeConversionException("expected one of " + names + " but was '" + text + "'");
  }

  /** The constants the command line accepts: by default, all of them. */
  E[] constants() {
    return type.getEnumConstants();
  }

  /** {@link BenchOp} names: relu, relu-grad, leaky-relu, leaky-relu-grad, prelu, prelu-grad. */
  static final class Ops extends EnumNames<BenchOp> {
    Ops() {
      super(BenchOp.class);
    }
  }

  /** {@link Precision} names: float, double, half, bfloat16. */
  static final class Precisions extends EnumNames<Precision> {
    Precisions() {
      super(Precision.class);
    }
  }

  /** {@link OutputFormat} names: table, csv, json. */
  static final class Formats extends EnumNames<OutputFormat> {
    Formats() {
      super(OutputFormat.class);
    }
  }
}
