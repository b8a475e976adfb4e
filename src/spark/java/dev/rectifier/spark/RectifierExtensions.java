package dev.rectifier.spark;

import dev.rectifier.spark.expressions.LeakyRelu;
import dev.rectifier.spark.expressions.LeakyReluGrad;
import dev.rectifier.spark.expressions.Prelu;
import dev.rectifier.spark.expressions.Relu;
import dev.rectifier.spark.expressions.ReluGrad;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Function1;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Registers rectifier's SQL functions in every session: {@code
 * spark.sql.extensions=dev.rectifier.spark.RectifierExtensions}, with the rectifier-spark,
 * rectifier and JOCL jars on the class path (e.g. {@code spark.jars}). The functions:
 *
 * <ul>
 *   <li>{@code relu(x)}, {@code leaky_relu(x, alpha)}
 *   <li>{@code relu_grad(x, dy)}, {@code leaky_relu_grad(x, dy, alpha)}
 *   <li>{@code prelu(x, weights[, inner])}
 * </ul>
 *
 * <p>x and dy are {@code array<float>} or {@code array<double>} of one type, the result has it;
 * alpha is a constant finite number; a null array gives null, a null element a null element.
 */
public final class RectifierExtensions implements Function1<SparkSessionExtensions, BoxedUnit> {
  /** The extension, as Spark instantiates it. */
  public RectifierExtensions() {}

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    register(extensions, "relu", "relu(x) - max(x, 0) element-wise", 1, 1, a -> new Relu(a.get(0)));
    register(
        extensions,
        "leaky_relu",
        "leaky_relu(x, alpha) - x > 0 ? x : alpha * x element-wise",
        2,
        2,
        a -> new LeakyRelu(a.get(0), a.get(1)));
    register(
        extensions,
        "relu_grad",
        "relu_grad(x, dy) - x > 0 ? dy : 0 element-wise",
        2,
        2,
        a -> new ReluGrad(a.get(0), a.get(1)));
    register(
        extensions,
        "leaky_relu_grad",
        "leaky_relu_grad(x, dy, alpha) - x > 0 ? dy : alpha * dy element-wise",
        3,
        3,
        a -> new LeakyReluGrad(a.get(0), a.get(1), a.get(2)));
    register(
        extensions,
        "prelu",
        "prelu(x, weights[, inner]) - x > 0 ? x : weights[(i / inner) % channels] * x",
        2,
        3,
        a ->
            a.size() == 2
                ? new Prelu(a.get(0), a.get(1))
                : new Prelu(a.get(0), a.get(1), a.get(2)));
    return BoxedUnit.UNIT;
  }

  private static void register(
      SparkSessionExtensions extensions,
      String name,
      String usage,
      int min,
      int max,
      Function<List<Expression>, Expression> builder) {
    ExpressionInfo info =
        new ExpressionInfo(RectifierExtensions.class.getName(), null, name, usage, "");
    Function1<scala.collection.immutable.Seq<Expression>, Expression> build =
        args -> {
          List<Expression> a = CollectionConverters.asJava(args);
          if (a.size() < min || a.size() > max) {
            throw new IllegalArgumentException(
                name
                    + " takes "
                    + (min == max ? min : min + " or " + max)
                    + " arguments, not "
                    + a.size());
          }
          return builder.apply(a);
        };
    extensions.injectFunction(new Tuple3<>(FunctionIdentifier.apply(name), info, build));
  }
}
