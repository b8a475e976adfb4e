package dev.rectifier.backend;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import java.util.Arrays;
import java.util.Locale;

/**
 * The names behind the public enums that the API does not show: each op's OpenCL kernel and output
 * argument, each precision's element name.
 */
public final class Names {
  /** The kernels' names by op ordinal, made once: an op's launch asks for one. */
  private static final String[] KERNELS =
      Arrays.stream(Op.values())
          .map(op -> op.name().toLowerCase(Locale.ROOT))
          .toArray(String[]::new);

  private Names() {}

  /** The name of {@code op}'s OpenCL kernel in {@code kernels/activations.cl}, e.g. relu_grad. */
  public static String kernel(Op op) {
    return KERNELS[op.ordinal()];
  }

  /** The name of {@code op}'s output argument in the API: {@code dx} for gradients, else y. */
  public static String output(Op op) {
    return op.isGradient() ? "dx" : "y";
  }

  /**
   * The name of {@code precision}'s elements in messages and OpenCL C: {@code float}, {@code
   * double}, {@code half}, or {@code bfloat16} (held in OpenCL C as {@code ushort}).
   */
  public static String cType(Precision precision) {
    return switch (precision) {
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case HALF -> "half";
      case BFLOAT16 -> "bfloat16";
    };
  }
}
