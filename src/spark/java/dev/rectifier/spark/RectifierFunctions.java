package dev.rectifier.spark;

import dev.rectifier.spark.expressions.LeakyRelu;
import dev.rectifier.spark.expressions.LeakyReluGrad;
import dev.rectifier.spark.expressions.Prelu;
import dev.rectifier.spark.expressions.Relu;
import dev.rectifier.spark.expressions.ReluGrad;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.functions;

/**
 * rectifier's SQL functions as Column functions, for Java and Scala: {@code
 * df.select(leakyRelu(col("x"), 0.01))}. Each returns a Column holding the function's Catalyst
 * expression itself, so it works in a classic Spark session with or without {@link
 * RectifierExtensions} installed (only the jars must be on the class path). Over Spark Connect, a
 * Column cannot carry an expression: install the extension on the server and call the functions by
 * name ({@code functions.call_function("leaky_relu", col("x"), lit(0.01))} or {@code
 * expr("leaky_relu(x, 0.01)")}).
 */
public final class RectifierFunctions {
  private RectifierFunctions() {}

  /** {@code relu(x)} of an {@code array<float>} or {@code array<double>} column. */
  public static Column relu(Column x) {
    return column(new Relu(expr(x)));
  }

  /** {@code leaky_relu(x, alpha)}; alpha finite ({@code (float) alpha} for float columns). */
  public static Column leakyRelu(Column x, double alpha) {
    return column(new LeakyRelu(expr(x), expr(functions.lit(alpha))));
  }

  /** {@code relu_grad(x, dy)}: dy where x is positive, else 0; x and dy of one type. */
  public static Column reluGrad(Column x, Column dy) {
    return column(new ReluGrad(expr(x), expr(dy)));
  }

  /** {@code leaky_relu_grad(x, dy, alpha)}: dy where x is positive, else alpha times dy. */
  public static Column leakyReluGrad(Column x, Column dy, double alpha) {
    return column(new LeakyReluGrad(expr(x), expr(dy), expr(functions.lit(alpha))));
  }

  /**
   * {@code prelu(x, weights)}, channels-last: weights a constant array of numbers (e.g. {@code
   * typedLit}) or an array column of x's type.
   */
  public static Column prelu(Column x, Column weights) {
    return column(new Prelu(expr(x), expr(weights)));
  }

  /** {@code prelu(x, weights, inner)}: x viewed as {@code [n][weights][inner]}. */
  public static Column prelu(Column x, Column weights, int inner) {
    return column(new Prelu(expr(x), expr(weights), expr(functions.lit(inner))));
  }

  private static Expression expr(Column c) {
    return ExpressionUtils.expression(c);
  }

  private static Column column(Expression e) {
    return ExpressionUtils.column(e);
  }
}
